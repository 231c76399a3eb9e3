package dev.domxml.binding;

import jakarta.xml.bind.annotation.XmlElement;

/** {@code <label><size>}: the NVDIMM's namespace label area. */
public class MemoryDeviceLabel extends Extensible {
    @XmlElement public Memory size;
}
