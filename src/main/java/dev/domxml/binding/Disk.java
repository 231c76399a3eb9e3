package dev.domxml.binding;

import jakarta.xml.bind.annotation.XmlAttribute;
import jakarta.xml.bind.annotation.XmlElement;

/** {@code <disk type device>}. */
public class Disk extends Extensible {
    @XmlAttribute public String type;
    @XmlAttribute public String device;
    @XmlAttribute public String model;
    @XmlAttribute public String snapshot;
    @XmlAttribute public String sgio;

    @XmlElement public DiskDriver driver;
    @XmlElement public DiskSource source;
    @XmlElement public BackingStore backingStore;
    @XmlElement public DiskTarget target;
    @XmlElement public BootOrder boot;
    @XmlElement public Flag readonly;
    @XmlElement public Flag shareable;
    @XmlElement(name = "transient") public TransientDisk transientDisk;
    @XmlElement public String serial;
    @XmlElement public String wwn;
    @XmlElement public String vendor;
    @XmlElement public String product;
    @XmlElement public BlockIo blockio;
    @XmlElement public DiskGeometry geometry;
    @XmlElement public Address address;
    @XmlElement public DeviceAcpi acpi;
    @XmlElement public Alias alias;
}
