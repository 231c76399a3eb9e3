package dev.domxml.binding;

import jakarta.xml.bind.annotation.XmlAttribute;

/** {@code <maxphysaddr mode bits/>} under {@code <cpu>}: the guest's physical address width. */
public class CpuMaxPhysAddr extends Extensible {
    @XmlAttribute public String mode;
    @XmlAttribute public String bits;
}
