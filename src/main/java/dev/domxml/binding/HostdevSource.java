package dev.domxml.binding;

import jakarta.xml.bind.annotation.XmlAttribute;
import jakarta.xml.bind.annotation.XmlElement;
import java.util.ArrayList;
import java.util.List;

/**
 * A host device's {@code <source>}: its host address, or a USB device's vendor and product ids; for a SCSI
 * device, an iSCSI LUN ({@code protocol='iscsi' name='IQN/LUN'} and one {@code <host>}) or a host adapter's
 * ({@code <adapter name='scsi_hostN'/>} and the {@code <address bus target unit>} on it).
 */
public class HostdevSource extends Extensible {
    @XmlAttribute public String startupPolicy;
    @XmlAttribute public String guestReset;
    @XmlAttribute public String protocol;
    @XmlAttribute public String name;
    @XmlElement(name = "host") public List<DiskHost> hosts = new ArrayList<>();
    @XmlElement public Adapter adapter;
    @XmlElement public Address address;
    @XmlElement public UsbId vendor;
    @XmlElement public UsbId product;

    /** {@code <adapter name='scsi_host0'/>}: the host's SCSI adapter a SCSI host device is on. */
    public static class Adapter extends Extensible {
        @XmlAttribute public String name;
    }

    /** {@code <vendor id='0x1234'/>} or {@code <product id=...>}. */
    public static class UsbId extends Extensible {
        @XmlAttribute public String id;
    }
}
