package dev.domxml.binding;

import jakarta.xml.bind.annotation.XmlAttribute;
import jakarta.xml.bind.annotation.XmlElement;

/** {@code <driver intremap caching_mode eim iotlb aw_bits>}. */
public class IommuDriver extends Extensible {
    @XmlAttribute public String intremap;
    @XmlAttribute(name = "caching_mode") public String cachingMode;
    @XmlAttribute public String eim;
    @XmlAttribute public String iotlb;
    @XmlAttribute(name = "aw_bits") public String awBits;
}
