package dev.domxml.binding;

import jakarta.xml.bind.annotation.XmlAttribute;

/** {@code <numatune><memory mode nodeset placement/>}. */
public class NumatuneMemory extends Extensible {
    @XmlAttribute public String mode;
    @XmlAttribute public String nodeset;
    @XmlAttribute public String placement;
}
