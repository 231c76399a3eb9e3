package dev.domxml.binding;

import jakarta.xml.bind.annotation.XmlAttribute;

/** {@code <clock offset>}. */
public class Clock extends Extensible {
    @XmlAttribute public String offset;
}
