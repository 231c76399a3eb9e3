package dev.domxml.binding;

import jakarta.xml.bind.annotation.XmlAttribute;
import jakarta.xml.bind.annotation.XmlElement;

/** {@code <seclabel type model relabel>}: how a security driver labels the guest, or one of its images. */
public class Seclabel extends Extensible {
    @XmlAttribute public String type;
    @XmlAttribute public String model;
    @XmlAttribute public String relabel;
    @XmlElement public String label;
    @XmlElement public String imagelabel;
    @XmlElement public String baselabel;
}
