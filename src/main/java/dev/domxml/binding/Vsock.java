package dev.domxml.binding;

import jakarta.xml.bind.annotation.XmlAttribute;
import jakarta.xml.bind.annotation.XmlElement;

/** {@code <vsock model>}: a virtio socket to the host, with the guest's context id. */
public class Vsock extends Extensible {
    @XmlAttribute public String model;
    @XmlElement public VsockCid cid;
    @XmlElement public DeviceDriver driver;
    @XmlElement public Address address;
    @XmlElement public DeviceAcpi acpi;
    @XmlElement public Alias alias;
}
