package dev.domxml.binding;

import jakarta.xml.bind.annotation.XmlAttribute;

/** {@code <mac address/>}. */
public class MacAddress extends Extensible {
    @XmlAttribute public String address;
}
