package dev.domxml.binding;

import jakarta.xml.bind.annotation.XmlAttribute;

/** {@code <model name/>} of a PCI controller: the QEMU device that implements it ({@code ioh3420}, ...). */
public class ControllerModel extends Extensible {
    @XmlAttribute public String name;
}
