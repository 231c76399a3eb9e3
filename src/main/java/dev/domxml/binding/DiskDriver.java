package dev.domxml.binding;

import jakarta.xml.bind.annotation.XmlAttribute;
import jakarta.xml.bind.annotation.XmlElement;

/** {@code <driver>} of a disk: format, cache and I/O modes, iothread, queues. */
public class DiskDriver extends VirtioDriver {
    @XmlAttribute public String name;
    @XmlAttribute public String type;
    @XmlAttribute public String cache;
    @XmlAttribute public String io;
    @XmlAttribute public String discard;
    @XmlAttribute(name = "detect_zeroes") public String detectZeroes;
    @XmlAttribute public String iothread;
    @XmlAttribute public String queues;
    @XmlAttribute(name = "queue_size") public String queueSize;
    @XmlAttribute public String ioeventfd;
    @XmlAttribute(name = "event_idx") public String eventIdx;
    @XmlAttribute(name = "copy_on_read") public String copyOnRead;
    @XmlAttribute(name = "error_policy") public String errorPolicy;
    @XmlAttribute(name = "rerror_policy") public String rerrorPolicy;

    @XmlElement(name = "metadata_cache") public MetadataCache metadataCache;
}
