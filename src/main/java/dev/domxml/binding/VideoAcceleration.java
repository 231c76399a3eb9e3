package dev.domxml.binding;

import jakarta.xml.bind.annotation.XmlAttribute;

/** {@code <model><acceleration accel3d accel2d rendernode/>}: 3D (virgl) for a virtio display. */
public class VideoAcceleration extends Extensible {
    @XmlAttribute(name = "accel3d") public String accel3d; // named: JAXB would make it accel3D
    @XmlAttribute(name = "accel2d") public String accel2d;
    @XmlAttribute public String rendernode;
}
