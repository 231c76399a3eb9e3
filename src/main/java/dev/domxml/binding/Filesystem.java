package dev.domxml.binding;

import jakarta.xml.bind.annotation.XmlAttribute;
import jakarta.xml.bind.annotation.XmlElement;

/** {@code <filesystem type accessmode multidevs fmode dmode>}: a host directory shared with the guest. */
public class Filesystem extends Extensible {
    @XmlAttribute public String type;
    @XmlAttribute public String accessmode;
    @XmlAttribute public String multidevs;
    @XmlAttribute public String fmode;
    @XmlAttribute public String dmode;
    @XmlAttribute public String model;
    @XmlElement public FilesystemDriver driver;
    @XmlElement public Endpoint source;
    @XmlElement public Endpoint target;
    @XmlElement public Flag readonly;
    @XmlElement public Address address;
    @XmlElement public DeviceAcpi acpi;
    @XmlElement public Alias alias;
}
