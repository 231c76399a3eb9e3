package dev.domxml.binding;

import jakarta.xml.bind.annotation.XmlAttribute;

/** {@code <bootmenu enable timeout/>}. */
public class BootMenu extends Extensible {
    @XmlAttribute public String enable;
    @XmlAttribute public String timeout;
}
