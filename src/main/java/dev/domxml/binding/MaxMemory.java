package dev.domxml.binding;

import jakarta.xml.bind.annotation.XmlAttribute;

/** {@code <maxMemory slots unit>}: how large memory may grow by hotplugged DIMMs, and in how many slots. */
public class MaxMemory extends Memory {
    @XmlAttribute public String slots;
}
