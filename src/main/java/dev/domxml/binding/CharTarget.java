package dev.domxml.binding;

import jakarta.xml.bind.annotation.XmlAttribute;

/** {@code <target type port name address/>} of a character device (a channel's name is its port's name). */
public class CharTarget extends Extensible {
    @XmlAttribute public String type;
    @XmlAttribute public String port;
    @XmlAttribute public String name;
    /** A guestfwd channel's IPv4 address (its port is {@code port}). */
    @XmlAttribute public String address;
}
