package dev.domxml.binding;

import jakarta.xml.bind.annotation.XmlAttribute;

/** An element that says one thing in its type attribute: {@code <model type/>}, a sound card's {@code <codec type/>}. */
public class ModelType extends Extensible {
    @XmlAttribute public String type;
}
