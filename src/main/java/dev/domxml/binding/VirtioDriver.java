package dev.domxml.binding;

import jakarta.xml.bind.annotation.XmlAccessType;
import jakarta.xml.bind.annotation.XmlAccessorType;
import jakarta.xml.bind.annotation.XmlAttribute;
import jakarta.xml.bind.annotation.XmlTransient;

/** The virtio transport attributes every device's {@code <driver>} may carry. */
@XmlTransient
@XmlAccessorType(XmlAccessType.FIELD)
public abstract class VirtioDriver extends Extensible {
    @XmlAttribute public String iommu;
    @XmlAttribute public String ats;
    @XmlAttribute public String packed;
    @XmlAttribute(name = "page_per_vq") public String pagePerVq;
}
