package dev.domxml.binding;

import jakarta.xml.bind.annotation.XmlAccessType;
import jakarta.xml.bind.annotation.XmlAccessorType;
import jakarta.xml.bind.annotation.XmlAnyAttribute;
import jakarta.xml.bind.annotation.XmlTransient;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.xml.namespace.QName;

/** Base of elements whose content is text (such as {@code <memory unit='MiB'>512</memory>}). */
@XmlTransient
@XmlAccessorType(XmlAccessType.FIELD)
public abstract class TextWithAttributes {
    @XmlAnyAttribute
    public Map<QName, String> otherAttributes = new LinkedHashMap<>();
}
