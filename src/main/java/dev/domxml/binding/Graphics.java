package dev.domxml.binding;

import jakarta.xml.bind.annotation.XmlAttribute;

/** {@code <graphics type port autoport listen>}. */
public class Graphics extends Extensible {
    @XmlAttribute public String type;
    @XmlAttribute public String port;
    @XmlAttribute public String autoport;
    @XmlAttribute public String listen;
    @XmlAttribute public String tlsPort;
    @XmlAttribute public String defaultMode;
}
