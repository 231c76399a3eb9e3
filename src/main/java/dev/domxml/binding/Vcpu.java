package dev.domxml.binding;

import jakarta.xml.bind.annotation.XmlAttribute;
import jakarta.xml.bind.annotation.XmlValue;

/** {@code <vcpu placement current cpuset>N</vcpu>}. */
public class Vcpu extends TextWithAttributes {
    @XmlAttribute public String placement;
    @XmlAttribute public String current;
    @XmlAttribute public String cpuset;
    @XmlValue public String value;
}
