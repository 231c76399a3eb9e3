package dev.domxml.binding;

import jakarta.xml.bind.annotation.XmlAttribute;

/** {@code <geometry cyls heads secs trans/>} of a disk: the BIOS geometry the guest sees. */
public class DiskGeometry extends Extensible {
    @XmlAttribute public String cyls;
    @XmlAttribute public String heads;
    @XmlAttribute public String secs;
    @XmlAttribute public String trans;
}
