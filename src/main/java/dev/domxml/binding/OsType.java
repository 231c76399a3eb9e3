package dev.domxml.binding;

import jakarta.xml.bind.annotation.XmlAttribute;
import jakarta.xml.bind.annotation.XmlValue;

/** {@code <type arch machine>hvm</type>}. */
public class OsType extends TextWithAttributes {
    @XmlAttribute public String arch;
    @XmlAttribute public String machine;
    @XmlValue public String value;
}
