package dev.domxml.binding;

import jakarta.xml.bind.annotation.XmlAttribute;
import jakarta.xml.bind.annotation.XmlValue;

/** {@code <model fallback>NAME</model>} under {@code <cpu>}. */
public class CpuModel extends TextWithAttributes {
    @XmlAttribute public String fallback;
    @XmlAttribute(name = "vendor_id") public String vendorId;
    @XmlValue public String value;
}
