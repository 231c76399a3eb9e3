package dev.domxml.binding;

import jakarta.xml.bind.annotation.XmlElement;

/**
 * {@code <memoryBacking>}: how guest memory is backed on the host: huge pages, KSM, locking, the kind of
 * memory ({@code <source type>}), whether it is shared ({@code <access mode>}), when it is allocated
 * ({@code <allocation mode threads>}) and whether freed memory is given back ({@code <discard/>}).
 */
public class MemoryBacking extends Extensible {
    @XmlElement public Hugepages hugepages;
    @XmlElement public Flag nosharepages;
    @XmlElement public Flag locked;
    @XmlElement public Source source;
    @XmlElement public Access access;
    @XmlElement public Allocation allocation;
    @XmlElement public Flag discard;

    /** {@code <source type='file|anonymous|memfd'>}. */
    public static class Source extends Extensible {
        @jakarta.xml.bind.annotation.XmlAttribute public String type;
    }

    /** {@code <access mode='shared|private'>}. */
    public static class Access extends Extensible {
        @jakarta.xml.bind.annotation.XmlAttribute public String mode;
    }

    /** {@code <allocation mode='immediate|ondemand' threads='N'>}. */
    public static class Allocation extends Extensible {
        @jakarta.xml.bind.annotation.XmlAttribute public String mode;
        @jakarta.xml.bind.annotation.XmlAttribute public String threads;
    }
}
