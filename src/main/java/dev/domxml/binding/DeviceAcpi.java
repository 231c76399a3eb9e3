package dev.domxml.binding;

import jakarta.xml.bind.annotation.XmlAttribute;

/** {@code <acpi index>} in a device: the ACPI index (a PCI device's name in the guest, as eno1). */
public class DeviceAcpi extends Extensible {
    @XmlAttribute public String index;
}
