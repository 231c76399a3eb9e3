package dev.domxml.binding;

import jakarta.xml.bind.annotation.XmlAttribute;
import jakarta.xml.bind.annotation.XmlValue;

/** {@code <os><loader type readonly secure stateless>PATH</loader>}: the guest's firmware image. */
public class Loader extends TextWithAttributes {
    @XmlAttribute public String type;
    @XmlAttribute public String readonly;
    @XmlAttribute public String secure;
    @XmlAttribute public String stateless;
    @XmlValue public String path;
}
