package dev.domxml.binding;

import jakarta.xml.bind.annotation.XmlElement;

/** {@code <memoryBacking>}: how guest memory is backed on the host; domxml reads its huge pages. */
public class MemoryBacking extends Extensible {
    @XmlElement public Hugepages hugepages;
    @XmlElement public Flag nosharepages;
    @XmlElement public Flag locked;
}
