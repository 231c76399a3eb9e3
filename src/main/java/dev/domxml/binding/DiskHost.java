package dev.domxml.binding;

import jakarta.xml.bind.annotation.XmlAttribute;

/** {@code <host name port transport socket/>} of a network disk's source. */
public class DiskHost extends Extensible {
    @XmlAttribute public String name;
    @XmlAttribute public String port;
    @XmlAttribute public String transport;
    @XmlAttribute public String socket;
}
