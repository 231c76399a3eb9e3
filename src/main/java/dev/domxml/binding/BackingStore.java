package dev.domxml.binding;

import jakarta.xml.bind.annotation.XmlAttribute;

/**
 * {@code <backingStore>}: empty, the disk's image has no backing file; with a {@code type}, {@code <format>}
 * and {@code <source>}, the backing image (kept as written: domxml reads only whether it is empty).
 */
public class BackingStore extends Extensible {
    @XmlAttribute public String type;
    @XmlAttribute public String index;

    /** {@code <backingStore/>}: no backing image at all. */
    public boolean isEmpty() {
        return type == null && otherElements.isEmpty();
    }
}
