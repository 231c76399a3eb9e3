package dev.domxml.binding;

import jakarta.xml.bind.annotation.XmlAttribute;
import jakarta.xml.bind.annotation.XmlElement;

/** {@code <model type ram vram vram64 vgamem heads primary/>} of a video device (sizes in KiB). */
public class VideoModel extends Extensible {
    @XmlAttribute public String type;
    @XmlAttribute public String ram;
    @XmlAttribute public String vram;
    @XmlAttribute public String vram64;
    @XmlAttribute public String vgamem;
    @XmlAttribute public String heads;
    @XmlAttribute public String primary;
    @XmlElement public VideoResolution resolution;
    @XmlElement public VideoAcceleration acceleration;
}
