package dev.domxml.binding;

import jakarta.xml.bind.annotation.XmlAttribute;
import jakarta.xml.bind.annotation.XmlElement;

/** {@code <rng model>}: a random number generator device and where its entropy comes from. */
public class Rng extends Extensible {
    @XmlAttribute public String model;
    @XmlElement public RngRate rate;
    @XmlElement public RngBackend backend;
    @XmlElement public DeviceDriver driver;
    @XmlElement public Address address;
    @XmlElement public DeviceAcpi acpi;
    @XmlElement public Alias alias;
}
