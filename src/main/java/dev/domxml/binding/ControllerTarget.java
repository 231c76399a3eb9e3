package dev.domxml.binding;

import jakarta.xml.bind.annotation.XmlAttribute;
import jakarta.xml.bind.annotation.XmlElement;

/** {@code <target chassisNr chassis port busNr hotplug><node/></target>} of a PCI controller. */
public class ControllerTarget extends Extensible {
    @XmlAttribute public String chassis;
    @XmlAttribute public String port;
    @XmlAttribute public String chassisNr;
    @XmlAttribute public String busNr;
    @XmlAttribute public String hotplug;
    @XmlElement public String node;
}
