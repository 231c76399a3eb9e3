package dev.domxml.binding;

import jakarta.xml.bind.annotation.XmlAttribute;
import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlMixed;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code <os><nvram template type>}: the firmware's variable store, a path as text or, with a type, a
 * {@code <source>} like a disk's.
 */
public class Nvram extends Extensible {
    @XmlAttribute public String template;
    @XmlAttribute public String type;
    @XmlElement public DiskSource source;
    @XmlMixed public List<String> text = new ArrayList<>();

    /** The path written as the element's text, if any. */
    public String path() {
        String joined = String.join("", text).trim();
        return joined.isEmpty() ? null : joined;
    }
}
