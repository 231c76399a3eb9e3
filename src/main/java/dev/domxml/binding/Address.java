package dev.domxml.binding;

import jakarta.xml.bind.annotation.XmlAttribute;

/**
 * {@code <address type=...>}: a drive address (controller, bus, target, unit) or a PCI address
 * (domain, bus, slot, function, multifunction). Values stay text; libvirt takes decimal or 0x hex.
 */
public class Address extends Extensible {
    @XmlAttribute public String type;
    @XmlAttribute public String controller;
    @XmlAttribute public String bus;
    @XmlAttribute public String target;
    @XmlAttribute public String unit;
    @XmlAttribute public String domain;
    @XmlAttribute public String slot;
    @XmlAttribute public String function;
    @XmlAttribute public String multifunction;
    @XmlAttribute public String port;
    @XmlAttribute public String iobase;
    @XmlAttribute public String irq;
}
