package dev.domxml.binding;

import jakarta.xml.bind.annotation.XmlAttribute;
import jakarta.xml.bind.annotation.XmlElement;

/**
 * {@code <memory model access discard>} among the devices: a hotpluggable memory module (a DIMM, an
 * NVDIMM backed by a file, ...), with its size and guest NUMA node in {@code <target>}.
 */
public class MemoryDevice extends Extensible {
    @XmlAttribute public String model;
    @XmlAttribute public String access;
    @XmlAttribute public String discard;
    @XmlElement public MemoryDeviceSource source;
    @XmlElement public MemoryDeviceTarget target;
    @XmlElement public Address address;
    @XmlElement public DeviceAcpi acpi;
    @XmlElement public Alias alias;

}
