package dev.domxml.binding;

import jakarta.xml.bind.annotation.XmlAttribute;

/** {@code <model><resolution x y/>}: the display's starting resolution. */
public class VideoResolution extends Extensible {
    @XmlAttribute public String x;
    @XmlAttribute public String y;
}
