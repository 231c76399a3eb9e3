package dev.domxml.xml;

import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.DOMException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.xml.sax.Attributes;
import org.xml.sax.Locator;
import org.xml.sax.SAXParseException;

/**
 * Makes DOM elements from SAX events. DOM refuses some names the SAX parser lets through (such as
 * {@code <:uid>}); every reader refuses them alike, with or without a DOM of its own.
 */
final class DomNames {
    private static final ThreadLocal<Document> SCRATCH = ThreadLocal.withInitial(() -> {
        try {
            return DocumentBuilderFactory.newInstance().newDocumentBuilder().newDocument();
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException(e);
        }
    });

    private DomNames() {}

    /**
     * The element for a SAX start tag, with its namespace declarations ({@code prefixes}: prefix, URI,
     * prefix, URI...) and attributes.
     */
    static Element element(Document document, String uri, String qName, Attributes attributes,
            List<String> prefixes, Locator locator) throws SAXParseException {
        try {
            Element element = document.createElementNS(uri.isEmpty() ? null : uri, qName);
            for (int i = 0; i < prefixes.size(); i += 2) {
                String prefix = prefixes.get(i);
                String name = prefix.isEmpty() ? "xmlns" : "xmlns:" + prefix;
                element.setAttributeNS(XMLConstants.XMLNS_ATTRIBUTE_NS_URI, name, prefixes.get(i + 1));
            }
            for (int i = 0; i < attributes.getLength(); i++) {
                String attrUri = attributes.getURI(i);
                element.setAttributeNS(attrUri.isEmpty() ? null : attrUri, attributes.getQName(i), attributes.getValue(i));
            }
            return element;
        } catch (DOMException e) {
            throw new SAXParseException("invalid element or attribute name in <" + qName + ">", locator);
        }
    }

    /** Refuses what {@link #element} would, building nothing for the plain names nearly every document has. */
    static void check(String uri, String qName, Attributes attributes, List<String> prefixes, Locator locator)
            throws SAXParseException {
        boolean plain = prefixes.isEmpty() && isPlain(qName);
        for (int i = 0; plain && i < attributes.getLength(); i++) {
            plain = isPlain(attributes.getQName(i));
        }
        if (!plain) {
            element(SCRATCH.get(), uri, qName, attributes, prefixes, locator);
        }
    }

    /** An ASCII name without a prefix that DOM accepts whatever the namespace: one not starting with "xml". */
    private static boolean isPlain(String name) {
        int length = name.length();
        if (length == 0 || length >= 3 && (name.charAt(0) | 0x20) == 'x' && (name.charAt(1) | 0x20) == 'm'
                && (name.charAt(2) | 0x20) == 'l') {
            return false;
        }
        for (int i = 0; i < length; i++) {
            char c = name.charAt(i);
            boolean letter = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_';
            if (!(letter || i > 0 && (c >= '0' && c <= '9' || c == '-' || c == '.'))) {
                return false;
            }
        }
        return true;
    }
}
