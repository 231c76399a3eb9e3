package dev.domxml.binding;

import jakarta.xml.bind.annotation.XmlElement;
import java.util.ArrayList;
import java.util.List;

/** {@code <cpu><numa>}: the guest's NUMA cells. */
public class Numa extends Extensible {
    @XmlElement(name = "cell") public List<NumaCell> cells = new ArrayList<>();
}
