package dev.domxml.binding;

import jakarta.xml.bind.annotation.XmlAttribute;

/** {@code <page size unit nodeset/>}: a page size, for the guest NUMA cells in nodeset or for all. */
public class HugePage extends Extensible {
    @XmlAttribute public String size;
    @XmlAttribute public String unit;
    @XmlAttribute public String nodeset;
}
