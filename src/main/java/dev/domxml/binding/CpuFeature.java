package dev.domxml.binding;

import jakarta.xml.bind.annotation.XmlAttribute;

/** {@code <feature policy name/>} under {@code <cpu>}: a CPU feature the guest must, may or must not have. */
public class CpuFeature extends Extensible {
    @XmlAttribute public String policy;
    @XmlAttribute public String name;
}
