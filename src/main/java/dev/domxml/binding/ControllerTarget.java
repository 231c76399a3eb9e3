package dev.domxml.binding;

import jakarta.xml.bind.annotation.XmlAttribute;

/** {@code <target chassis port busNr/>} of a PCI controller. */
public class ControllerTarget extends Extensible {
    @XmlAttribute public String chassis;
    @XmlAttribute public String port;
    @XmlAttribute public String chassisNr;
    @XmlAttribute public String busNr;
}
