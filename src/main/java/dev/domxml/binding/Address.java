package dev.domxml.binding;

import jakarta.xml.bind.annotation.XmlAttribute;

/**
 * {@code <address type=...>}: a drive address (controller, bus, target, unit) or a PCI address
 * (domain, bus, slot, function, multifunction), or where a host device is (bus and device, uuid). Values stay
 * text; libvirt takes decimal or 0x hex.
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
    /** A host USB device's number on its bus ({@code <hostdev type='usb'><source><address bus device>}). */
    @XmlAttribute public String device;
    /** A mediated device ({@code <hostdev type='mdev'><source><address uuid>}). */
    @XmlAttribute public String uuid;
    /** A memory module's guest physical address ({@code <address type='dimm' slot base>}). */
    @XmlAttribute public String base;
    /** A device's place on the sPAPR VIO bus ({@code <address type='spapr-vio' reg>}), read as hex. */
    @XmlAttribute public String reg;
}
