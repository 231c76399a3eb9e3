package dev.domxml.binding;

import jakarta.xml.bind.annotation.XmlAttribute;
import jakarta.xml.bind.annotation.XmlElement;

/** {@code <watchdog model action>}. */
public class Watchdog extends Extensible {
    @XmlAttribute public String model;
    @XmlAttribute public String action;
    @XmlElement public Address address;
    @XmlElement public DeviceAcpi acpi;
    @XmlElement public Alias alias;
}
