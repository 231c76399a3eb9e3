package dev.domxml.binding;

import jakarta.xml.bind.annotation.XmlAttribute;
import jakarta.xml.bind.annotation.XmlElement;

/** {@code <serial type>} / {@code <console type>}. */
public class CharDevice extends Extensible {
    @XmlAttribute public String type;
    @XmlElement public CharTarget target;
    @XmlElement public Address address;
    @XmlElement public Alias alias;
}
