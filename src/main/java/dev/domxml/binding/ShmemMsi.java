package dev.domxml.binding;

import jakarta.xml.bind.annotation.XmlAttribute;

/** {@code <msi vectors ioeventfd/>} of an ivshmem-doorbell device. */
public class ShmemMsi extends Extensible {
    @XmlAttribute public String vectors;
    @XmlAttribute public String ioeventfd;
}
