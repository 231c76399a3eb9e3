package dev.domxml.binding;

import jakarta.xml.bind.annotation.XmlElement;
import java.util.ArrayList;
import java.util.List;

/** {@code <iothreadids>}: explicit I/O thread ids. */
public class IoThreadIds extends Extensible {
    @XmlElement(name = "iothread") public List<IoThreadId> iothreads = new ArrayList<>();
}
