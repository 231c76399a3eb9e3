package dev.domxml.binding;

import jakarta.xml.bind.annotation.XmlAttribute;
import jakarta.xml.bind.annotation.XmlValue;

/** {@code <memory>} / {@code <currentMemory>}: a size with an optional unit (KiB when absent). */
public class Memory extends TextWithAttributes {
    @XmlAttribute public String unit;
    @XmlValue public String value;
}
