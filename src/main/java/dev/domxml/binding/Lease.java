package dev.domxml.binding;

import jakarta.xml.bind.annotation.XmlAttribute;
import jakarta.xml.bind.annotation.XmlElement;

/**
 * {@code <lease>}: a lock the lock manager (sanlock) takes for the guest. It never reaches QEMU, so it
 * has no part in the command line; it is kept so a rewritten definition still holds it.
 */
public class Lease extends Extensible {
    @XmlElement public String lockspace;
    @XmlElement public String key;
    @XmlElement public Target target;

    /** {@code <target path offset>}: the file (or block device) holding the lease, and where in it. */
    public static class Target extends Extensible {
        @XmlAttribute public String path;
        @XmlAttribute public String offset;
    }
}
