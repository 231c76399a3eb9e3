package dev.domxml.binding;

import jakarta.xml.bind.annotation.XmlAttribute;

/** {@code <target dev bus rotation_rate/>}: how the guest sees a disk. */
public class DiskTarget extends Extensible {
    @XmlAttribute public String dev;
    @XmlAttribute public String bus;
    @XmlAttribute public String tray;
    @XmlAttribute public String removable;
    @XmlAttribute(name = "rotation_rate") public String rotationRate;
}
