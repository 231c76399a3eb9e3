package dev.domxml.binding;

import jakarta.xml.bind.annotation.XmlAttribute;

/** {@code <cell id cpus memory unit/>}: one guest NUMA node. */
public class NumaCell extends Extensible {
    @XmlAttribute public String id;
    @XmlAttribute public String cpus;
    @XmlAttribute public String memory;
    @XmlAttribute public String unit;
}
