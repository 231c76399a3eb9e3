package dev.domxml.binding;

import jakarta.xml.bind.annotation.XmlAttribute;

/** {@code <rate bytes period/>} of an rng: at most so many bytes per period (ms). */
public class RngRate extends Extensible {
    @XmlAttribute public String bytes;
    @XmlAttribute public String period;
}
