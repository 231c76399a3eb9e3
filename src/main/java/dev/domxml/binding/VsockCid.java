package dev.domxml.binding;

import jakarta.xml.bind.annotation.XmlAttribute;

/** {@code <cid auto address/>} of a vsock. */
public class VsockCid extends Extensible {
    @XmlAttribute public String auto;
    @XmlAttribute public String address;
}
