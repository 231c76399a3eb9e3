package dev.domxml.binding;

import jakarta.xml.bind.annotation.XmlAttribute;
import jakarta.xml.bind.annotation.XmlElement;

/** {@code <cell id cpus memory unit>}: one guest NUMA node, with its distances to the others. */
public class NumaCell extends Extensible {
    @XmlAttribute public String id;
    @XmlAttribute public String cpus;
    @XmlAttribute public String memory;
    @XmlAttribute public String unit;
    @XmlElement public NumaDistances distances;
}
