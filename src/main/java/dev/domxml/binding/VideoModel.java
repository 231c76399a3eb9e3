package dev.domxml.binding;

import jakarta.xml.bind.annotation.XmlAttribute;

/** {@code <model type vram heads primary/>} of a video device. */
public class VideoModel extends Extensible {
    @XmlAttribute public String type;
    @XmlAttribute public String vram;
    @XmlAttribute public String heads;
    @XmlAttribute public String primary;
}
