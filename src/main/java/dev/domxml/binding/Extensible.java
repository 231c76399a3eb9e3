package dev.domxml.binding;

import jakarta.xml.bind.annotation.XmlAccessType;
import jakarta.xml.bind.annotation.XmlAccessorType;
import jakarta.xml.bind.annotation.XmlAnyAttribute;
import jakarta.xml.bind.annotation.XmlAnyElement;
import jakarta.xml.bind.annotation.XmlTransient;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.namespace.QName;
import org.w3c.dom.Element;

/**
 * Base of every element class: whatever attribute or child element the binding does not model is
 * kept here, so that a document read and written again loses nothing.
 */
@XmlTransient
@XmlAccessorType(XmlAccessType.FIELD)
public abstract class Extensible {
    @XmlAnyAttribute
    public Map<QName, String> otherAttributes = new LinkedHashMap<>();

    @XmlAnyElement
    public List<Element> otherElements = new ArrayList<>();
}
