package dev.domxml.binding;

import jakarta.xml.bind.annotation.XmlAttribute;
import jakarta.xml.bind.annotation.XmlValue;

/** {@code <memory>} / {@code <currentMemory>}: a size with an optional unit (KiB when absent). */
public class Memory extends TextWithAttributes {
    @XmlAttribute public String unit;
    @XmlValue public String value;
    /** {@code <memory dumpCore='on'>}: whether the guest's memory goes into QEMU's core dumps. */
    @XmlAttribute public String dumpCore;
}
