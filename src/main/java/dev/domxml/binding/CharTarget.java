package dev.domxml.binding;

import jakarta.xml.bind.annotation.XmlAttribute;

/** {@code <target type port/>} of a serial port or console. */
public class CharTarget extends Extensible {
    @XmlAttribute public String type;
    @XmlAttribute public String port;
}
