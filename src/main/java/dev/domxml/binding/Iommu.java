package dev.domxml.binding;

import jakarta.xml.bind.annotation.XmlAttribute;
import jakarta.xml.bind.annotation.XmlElement;

/** {@code <iommu model>}: the guest's IOMMU, Intel's VT-d or virtio's, with VT-d's switches in {@code <driver>}. */
public class Iommu extends Extensible {
    @XmlAttribute public String model;
    @XmlElement public IommuDriver driver;
    @XmlElement public Address address;
    @XmlElement public DeviceAcpi acpi;
    @XmlElement public Alias alias;

}
