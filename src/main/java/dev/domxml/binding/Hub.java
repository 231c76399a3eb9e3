package dev.domxml.binding;

import jakarta.xml.bind.annotation.XmlAttribute;
import jakarta.xml.bind.annotation.XmlElement;

/** {@code <hub type='usb'>}: a USB hub, which takes a port and gives eight. */
public class Hub extends Extensible {
    @XmlAttribute public String type;
    @XmlElement public Address address;
}
