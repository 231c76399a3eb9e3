package dev.domxml.binding;

import jakarta.xml.bind.annotation.XmlAttribute;

/** {@code <boot order='N'/>} on a device. */
public class BootOrder extends Extensible {
    @XmlAttribute public String order;
}
