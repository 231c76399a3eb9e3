package dev.domxml.binding;

import jakarta.xml.bind.annotation.XmlElement;
import java.util.ArrayList;
import java.util.List;

/** {@code <numatune>}: which host NUMA nodes back the guest's memory, as a whole and per guest cell. */
public class Numatune extends Extensible {
    @XmlElement public NumatuneMemory memory;
    @XmlElement(name = "memnode") public List<NumatuneMemnode> memnodes = new ArrayList<>();
}
