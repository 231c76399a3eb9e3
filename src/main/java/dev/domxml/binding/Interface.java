package dev.domxml.binding;

import jakarta.xml.bind.annotation.XmlAttribute;
import jakarta.xml.bind.annotation.XmlElement;

/** {@code <interface type>}: a network interface. */
public class Interface extends Extensible {
    @XmlAttribute public String type;
    @XmlElement public MacAddress mac;
    @XmlElement public ModelType model;
    @XmlElement public BootOrder boot;
    @XmlElement public Address address;
    @XmlElement public DeviceAcpi acpi;
    @XmlElement public Alias alias;
}
