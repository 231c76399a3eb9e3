package dev.domxml.binding;

import jakarta.xml.bind.annotation.XmlAttribute;

/** {@code <transient shareBacking/>}: changes to the disk are thrown away when the guest stops. */
public class TransientDisk extends Extensible {
    @XmlAttribute public String shareBacking;
}
