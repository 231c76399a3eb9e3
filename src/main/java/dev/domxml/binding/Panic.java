package dev.domxml.binding;

import jakarta.xml.bind.annotation.XmlAttribute;
import jakarta.xml.bind.annotation.XmlElement;

/** {@code <panic model>}: how the guest reports a kernel panic to the host. */
public class Panic extends Extensible {
    @XmlAttribute public String model;
    @XmlElement public Address address;
    @XmlElement public DeviceAcpi acpi;
}
