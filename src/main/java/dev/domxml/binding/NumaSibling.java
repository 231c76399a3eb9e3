package dev.domxml.binding;

import jakarta.xml.bind.annotation.XmlAttribute;

/** {@code <sibling id value/>}: the distance to cell {@code id} (10 local, 20 remote by default). */
public class NumaSibling extends Extensible {
    @XmlAttribute public String id;
    @XmlAttribute public String value;
}
