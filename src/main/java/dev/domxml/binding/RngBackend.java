package dev.domxml.binding;

import jakarta.xml.bind.annotation.XmlAccessType;
import jakarta.xml.bind.annotation.XmlAccessorType;
import jakarta.xml.bind.annotation.XmlAnyAttribute;
import jakarta.xml.bind.annotation.XmlAnyElement;
import jakarta.xml.bind.annotation.XmlAttribute;
import jakarta.xml.bind.annotation.XmlMixed;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.xml.namespace.QName;
import org.w3c.dom.Element;

/**
 * {@code <backend model type>} of an rng: a device path as text ({@code random}), or child elements
 * ({@code egd}'s {@code <source>}). Mixed content, so it is kept as written: text and elements in order.
 */
@XmlAccessorType(XmlAccessType.FIELD)
public class RngBackend {
    @XmlAttribute public String model;
    @XmlAttribute public String type;
    @XmlAnyAttribute public Map<QName, String> otherAttributes = new LinkedHashMap<>();
    @XmlMixed @XmlAnyElement public List<Object> content = new ArrayList<>();

    /** The text written directly inside the element (a device path), trimmed. */
    public String text() {
        StringBuilder text = new StringBuilder();
        content.stream().filter(String.class::isInstance).forEach(text::append);
        return text.toString().trim();
    }

    /** The first child element of that name. */
    public Optional<Element> child(String name) {
        return content.stream().filter(Element.class::isInstance).map(Element.class::cast)
                .filter(e -> name.equals(e.getLocalName() != null ? e.getLocalName() : e.getNodeName())).findFirst();
    }
}
