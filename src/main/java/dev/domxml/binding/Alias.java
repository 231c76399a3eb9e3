package dev.domxml.binding;

import jakarta.xml.bind.annotation.XmlAttribute;

/** {@code <alias name/>} of a device. */
public class Alias extends Extensible {
    @XmlAttribute public String name;
}
