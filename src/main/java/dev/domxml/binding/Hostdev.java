package dev.domxml.binding;

import jakarta.xml.bind.annotation.XmlAttribute;
import jakarta.xml.bind.annotation.XmlElement;

/**
 * {@code <hostdev mode='subsystem' type='pci|usb|mdev|scsi|scsi_host'>}: a host device handed to the guest,
 * named by where it is on the host ({@code <source>}).
 */
public class Hostdev extends Extensible {
    @XmlAttribute public String mode;
    @XmlAttribute public String type;
    @XmlAttribute public String managed;
    /** A mediated device's model: vfio-pci, vfio-ccw or vfio-ap. */
    @XmlAttribute public String model;
    @XmlAttribute public String display;
    @XmlAttribute public String ramfb;
    /** A SCSI host device's SG_IO filtering (filtered, unfiltered) and raw I/O permission. */
    @XmlAttribute public String sgio;
    @XmlAttribute public String rawio;
    @XmlElement public Driver driver;
    @XmlElement public HostdevSource source;
    @XmlElement public BootOrder boot;
    @XmlElement public Rom rom;
    @XmlElement public Flag readonly;
    @XmlElement public Flag shareable;
    @XmlElement public Address address;
    @XmlElement public DeviceAcpi acpi;
    @XmlElement public Alias alias;

    /** {@code <driver name='vfio'>}: how a PCI device is passed through. */
    public static class Driver extends Extensible {
        @XmlAttribute public String name;
    }

    /** {@code <rom bar file enabled>}: the PCI option ROM the guest sees. */
    public static class Rom extends Extensible {
        @XmlAttribute public String bar;
        @XmlAttribute public String file;
        @XmlAttribute public String enabled;
    }
}
