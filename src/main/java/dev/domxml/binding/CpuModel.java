package dev.domxml.binding;

import jakarta.xml.bind.annotation.XmlAttribute;
import jakarta.xml.bind.annotation.XmlValue;

/** {@code <model fallback>NAME</model>} under {@code <cpu>}. */
public class CpuModel extends TextWithAttributes {
    @XmlAttribute public String fallback;
    @XmlValue public String value;
}
