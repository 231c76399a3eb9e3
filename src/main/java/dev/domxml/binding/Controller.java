package dev.domxml.binding;

import jakarta.xml.bind.annotation.XmlAttribute;
import jakarta.xml.bind.annotation.XmlElement;

/** {@code <controller type index model>}. */
public class Controller extends Extensible {
    @XmlAttribute public String type;
    @XmlAttribute public String index;
    @XmlAttribute public String model;
    @XmlAttribute public String ports;
    @XmlAttribute public String vectors;
    @XmlElement(name = "model") public ControllerModel modelName;
    @XmlElement public ControllerDriver driver;
    @XmlElement public ControllerTarget target;
    /** {@code <pcihole64 unit>}: the size of a root bus's 64-bit PCI hole. */
    @XmlElement public Memory pcihole64;
    @XmlElement public Address address;
    @XmlElement public DeviceAcpi acpi;
    @XmlElement public Alias alias;
}
