package dev.domxml.binding;

import jakarta.xml.bind.annotation.XmlElement;

/** {@code <source>}: an NVDIMM's file and its alignment, or the host nodes a DIMM's memory comes from. */
public class MemoryDeviceSource extends Extensible {
    @XmlElement public String path;
    @XmlElement public String nodemask;
    @XmlElement public Memory pagesize;
    @XmlElement public Memory alignsize;
    @XmlElement public Flag pmem;
}
