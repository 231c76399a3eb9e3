package dev.domxml.binding;

import jakarta.xml.bind.annotation.XmlAttribute;
import jakarta.xml.bind.annotation.XmlElement;

/** A host device's {@code <source>}: its host address, or a USB device's vendor and product ids. */
public class HostdevSource extends Extensible {
    @XmlAttribute public String startupPolicy;
    @XmlAttribute public String guestReset;
    @XmlElement public Address address;
    @XmlElement public UsbId vendor;
    @XmlElement public UsbId product;

    /** {@code <vendor id='0x1234'/>} or {@code <product id=...>}. */
    public static class UsbId extends Extensible {
        @XmlAttribute public String id;
    }
}
