package dev.domxml.binding;

import jakarta.xml.bind.annotation.XmlAttribute;

/** {@code <driver type wrpolicy>} of a filesystem: how QEMU reaches the host directory. */
public class FilesystemDriver extends VirtioDriver {
    @XmlAttribute public String type;
    @XmlAttribute public String wrpolicy;
    @XmlAttribute public String format;
    /** virtiofs: the size of the request queue. */
    @XmlAttribute public String queue;
}
