package dev.domxml.binding;

import jakarta.xml.bind.annotation.XmlAttribute;

/** {@code <os><bios rebootTimeout/>}: how long the firmware waits before it tries again when nothing boots. */
public class OsBios extends Extensible {
    @XmlAttribute public String rebootTimeout;
    @XmlAttribute public String useserial;
}
