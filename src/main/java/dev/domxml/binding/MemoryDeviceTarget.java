package dev.domxml.binding;

import jakarta.xml.bind.annotation.XmlElement;

/** {@code <target>}: the module's size and guest node; an NVDIMM's label area and read-only switch. */
public class MemoryDeviceTarget extends Extensible {
    @XmlElement public Memory size;
    @XmlElement public String node;
    @XmlElement public MemoryDeviceLabel label;
    @XmlElement public Flag readonly;
}
