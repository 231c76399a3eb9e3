package dev.domxml.binding;

import jakarta.xml.bind.annotation.XmlAttribute;

/** {@code <model type/>} of an interface. */
public class ModelType extends Extensible {
    @XmlAttribute public String type;
}
