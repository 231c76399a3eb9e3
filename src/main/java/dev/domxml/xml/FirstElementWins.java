package dev.domxml.xml;

import jakarta.xml.bind.Binder;
import jakarta.xml.bind.annotation.XmlElement;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Where an element may appear once but was written twice, libvirt reads the first (its XPath asks for
 * {@code [1]}) and JAXB keeps the last. After binding, every such field is pointed back at the first
 * element, so that the rules judge what libvirt would, and fix edits the element libvirt reads.
 */
final class FirstElementWins {
    /** For each binding class, its single-valued child elements by name. */
    private static final ClassValue<Map<String, Field>> SINGLE = new ClassValue<>() {
        @Override
        protected Map<String, Field> computeValue(Class<?> type) {
            Map<String, Field> fields = new HashMap<>();
            for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
                for (Field field : c.getDeclaredFields()) {
                    XmlElement element = field.getAnnotation(XmlElement.class);
                    if (element == null || Modifier.isStatic(field.getModifiers())
                            || java.util.Collection.class.isAssignableFrom(field.getType())) {
                        continue;
                    }
                    fields.put(element.name().equals("##default") ? field.getName() : element.name(), field);
                }
            }
            return Map.copyOf(fields);
        }
    };

    private FirstElementWins() {}

    /** A binding class's single-valued child elements, by name. */
    static Map<String, Field> singleElements(Class<?> type) {
        return SINGLE.get(type);
    }

    static void apply(Element element, Binder<Node> binder) {
        Object bound = binder.getJAXBNode(element);
        Map<String, Field> single = bound == null ? Map.of() : SINGLE.get(bound.getClass());
        Set<String> seen = single.isEmpty() ? Set.of() : new HashSet<>();
        for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (!(child instanceof Element e)) {
                continue;
            }
            String name = e.getLocalName() != null ? e.getLocalName() : e.getTagName();
            Field field = e.getNamespaceURI() == null ? single.get(name) : null;
            if (field != null && !seen.add(name)) {
                pointAtFirst(bound, field, name, element, binder);
            }
            apply(e, binder);
        }
    }

    private static void pointAtFirst(Object bound, Field field, String name, Element parent, Binder<Node> binder) {
        for (Node child = parent.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element e && e.getNamespaceURI() == null && name.equals(e.getLocalName())) {
                Object first = field.getType() == String.class ? e.getTextContent() : binder.getJAXBNode(e);
                if (first != null && field.getType().isInstance(first)) {
                    try {
                        field.set(bound, first);
                    } catch (IllegalAccessException impossible) {
                        // binding fields are public
                    }
                }
                return;
            }
        }
    }
}
