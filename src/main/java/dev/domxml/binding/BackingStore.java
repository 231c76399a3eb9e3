package dev.domxml.binding;

import jakarta.xml.bind.annotation.XmlAttribute;
import jakarta.xml.bind.annotation.XmlElement;

/**
 * {@code <backingStore>}: with a {@code type}, the image below the disk's (or below the image above it),
 * its {@code <format>}, {@code <source>} and its own {@code <backingStore>}; without one, the end of the
 * chain: the image above has no backing image at all.
 */
public class BackingStore extends Extensible {
    @XmlAttribute public String type;
    /** libvirt's number for the image in a running domain's chain; it reads it only from live XML. */
    @XmlAttribute public String index;

    @XmlElement public Format format;
    @XmlElement public DiskSource source;
    @XmlElement public BackingStore backingStore;

    /** {@code <backingStore/>}: libvirt takes one without a type as the end of the chain, whatever it holds. */
    public boolean isEmpty() {
        return type == null;
    }

    /** {@code <format type>} of a backing image, with the qcow2 metadata cache limit it may have. */
    public static class Format extends Extensible {
        @XmlAttribute public String type;
        @XmlElement(name = "metadata_cache") public MetadataCache metadataCache;
    }
}
