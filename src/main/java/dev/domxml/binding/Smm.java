package dev.domxml.binding;

import jakarta.xml.bind.annotation.XmlElement;

/** {@code <features><smm state><tseg unit>N</tseg></smm>}: System Management Mode and its TSEG size. */
public class Smm extends FeatureState {
    @XmlElement public Memory tseg;
}
