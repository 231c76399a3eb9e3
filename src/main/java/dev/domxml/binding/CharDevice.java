package dev.domxml.binding;

import jakarta.xml.bind.annotation.XmlAttribute;
import jakarta.xml.bind.annotation.XmlElement;

/** {@code <serial type>}, {@code <parallel>}, {@code <channel>} or {@code <console>}: a character device. */
public class CharDevice extends Extensible {
    @XmlAttribute public String type;
    @XmlElement public Endpoint source;
    /** {@code <protocol type='raw|telnet'>} of a TCP socket. */
    @XmlElement public ModelType protocol;
    @XmlElement public CharTarget target;
    @XmlElement public Address address;
    @XmlElement public Alias alias;
}
