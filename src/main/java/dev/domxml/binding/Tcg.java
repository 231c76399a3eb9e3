package dev.domxml.binding;

import jakarta.xml.bind.annotation.XmlElement;

/** {@code <features><tcg><tb-cache unit>N</tb-cache></tcg>}: the TCG accelerator's translation block cache size. */
public class Tcg extends Extensible {
    @XmlElement(name = "tb-cache") public Memory tbCache;
}
