package dev.domxml.binding;

import jakarta.xml.bind.annotation.XmlAttribute;

/** A feature switched by its {@code state} attribute ({@code <vmcoreinfo state='on'/>}); on when left out. */
public class FeatureState extends Extensible {
    @XmlAttribute public String state;
}
