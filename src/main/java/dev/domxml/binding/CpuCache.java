package dev.domxml.binding;

import jakarta.xml.bind.annotation.XmlAttribute;

/** {@code <cache level mode/>} under {@code <cpu>}: which CPU cache information the guest is shown. */
public class CpuCache extends Extensible {
    @XmlAttribute public String level;
    @XmlAttribute public String mode;
}
