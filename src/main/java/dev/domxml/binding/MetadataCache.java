package dev.domxml.binding;

import jakarta.xml.bind.annotation.XmlElement;

/** {@code <metadata_cache><max_size unit>} of a disk driver: the qcow2 metadata cache limit. */
public class MetadataCache extends Extensible {
    @XmlElement(name = "max_size") public Memory maxSize;
}
