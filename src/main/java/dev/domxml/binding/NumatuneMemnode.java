package dev.domxml.binding;

import jakarta.xml.bind.annotation.XmlAttribute;

/** {@code <numatune><memnode cellid mode nodeset/>}: the host nodes of one guest NUMA cell. */
public class NumatuneMemnode extends Extensible {
    @XmlAttribute public String cellid;
    @XmlAttribute public String mode;
    @XmlAttribute public String nodeset;
}
