package dev.domxml.binding;

import jakarta.xml.bind.annotation.XmlAttribute;
import jakarta.xml.bind.annotation.XmlElement;

/** {@code <memballoon model>}. */
public class MemBalloon extends Extensible {
    @XmlAttribute public String model;
    @XmlAttribute public String autodeflate;
    @XmlAttribute(name = "freePageReporting") public String freePageReporting;
    @XmlElement public Address address;
    @XmlElement public DeviceAcpi acpi;
    @XmlElement public DeviceDriver driver;
    @XmlElement public Alias alias;
}
