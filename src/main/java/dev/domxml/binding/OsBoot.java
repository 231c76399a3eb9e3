package dev.domxml.binding;

import jakarta.xml.bind.annotation.XmlAttribute;

/** {@code <boot dev='hd|cdrom|network|fd'/>} under {@code <os>}. */
public class OsBoot extends Extensible {
    @XmlAttribute public String dev;
}
