package dev.domxml.binding;

import jakarta.xml.bind.annotation.XmlAttribute;
import jakarta.xml.bind.annotation.XmlElement;

/** {@code <input type bus>}. */
public class Input extends Extensible {
    @XmlAttribute public String type;
    @XmlAttribute public String bus;
    @XmlElement public Endpoint source;
    @XmlElement public DeviceDriver driver;
    @XmlElement public Address address;
    @XmlElement public DeviceAcpi acpi;
    @XmlElement public Alias alias;
}
