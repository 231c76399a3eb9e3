package dev.domxml.xml;

import dev.domxml.report.SourcePosition;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.Attributes;
import org.xml.sax.Locator;
import org.xml.sax.SAXException;
import org.xml.sax.ext.DefaultHandler2;

/**
 * Builds a DOM through SAX so that every element remembers where its start tag was written
 * (as DOM user data), which the standard DOM builder forgets. Comments and processing
 * instructions are kept so that an edited document can be written back without losing them.
 */
public final class LocatedDomParser {
    private static final String POSITION_KEY = "dev.domxml.position";
    private static final String SPAN_KEY = "dev.domxml.span";
    private static final DocumentBuilderFactory DOM = DocumentBuilderFactory.newInstance();
    private static final ThreadLocal<DocumentBuilder> DOCUMENTS = ThreadLocal.withInitial(() -> {
        try {
            return DOM.newDocumentBuilder();
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException(e);
        }
    });

    private LocatedDomParser() {}

    /** Parses {@code content}; {@code fileName} is only used in positions and messages. */
    public static Document parse(byte[] content, String fileName) throws InputException {
        Document document = DOCUMENTS.get().newDocument();
        SaxInput.parse(content, fileName, new Builder(document, fileName, new String(content, StandardCharsets.UTF_8)));
        document.setDocumentURI(fileName);
        return document;
    }

    /** Where the start tag of {@code node} (or of its nearest element ancestor) was written. */
    public static Optional<SourcePosition> positionOf(Node node) {
        for (Node n = node; n != null; n = n.getParentNode()) {
            Object position = n.getUserData(POSITION_KEY);
            if (position instanceof SourcePosition p) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /** Where an element is in the source text (char offsets), for edits that keep everything else as written. */
    public static Optional<ElementSpan> spanOf(Node node) {
        Object span = node.getUserData(SPAN_KEY);
        return span instanceof ElementSpan s ? Optional.of(s) : Optional.empty();
    }

    /** SAX events to DOM nodes; each element learns where its tags are in the source text. */
    private static final class Builder extends DefaultHandler2 {
        private final Document document;
        private final TagScanner tags;
        private final Deque<Node> open = new ArrayDeque<>();
        private final List<String> pendingNamespaces = new ArrayList<>();
        private final StringBuilder text = new StringBuilder();
        private boolean inCdata;
        private Locator locator;
        /** Where the next tag is looked for; moves forward through the source with the SAX events. */
        private int cursor;

        Builder(Document document, String fileName, String source) {
            this.document = document;
            this.tags = new TagScanner(fileName, source);
            open.push(document);
        }

        @Override
        public void setDocumentLocator(Locator locator) {
            this.locator = locator;
        }

        @Override
        public void startPrefixMapping(String prefix, String uri) {
            pendingNamespaces.add(prefix);
            pendingNamespaces.add(uri);
        }

        @Override
        public void startElement(String uri, String localName, String qName, Attributes attributes)
                throws SAXException {
            flushText();
            Element element = DomNames.element(document, uri, qName, attributes, pendingNamespaces, locator);
            pendingNamespaces.clear();
            int start = tags.nextTag(cursor, false);
            if (start >= 0) {
                int startTagEnd = tags.endOfStartTag(start);
                cursor = startTagEnd;
                element.setUserData(POSITION_KEY, tags.positionAt(start), null);
                element.setUserData(SPAN_KEY, new ElementSpan(start, startTagEnd, startTagEnd), null);
            }
            open.peek().appendChild(element);
            open.push(element);
        }


        @Override
        public void endElement(String uri, String localName, String qName) {
            flushText();
            Node element = open.pop();
            if (element.getUserData(SPAN_KEY) instanceof ElementSpan span) {
                int end = tags.endOfElement(span.startTagEnd(), cursor);
                cursor = Math.max(cursor, end);
                element.setUserData(SPAN_KEY, new ElementSpan(span.start(), span.startTagEnd(), end), null);
            }
        }

        @Override
        public void characters(char[] ch, int start, int length) {
            text.append(ch, start, length);
        }

        @Override
        public void ignorableWhitespace(char[] ch, int start, int length) {
            text.append(ch, start, length);
        }

        @Override
        public void startCDATA() {
            flushText();
            inCdata = true;
        }

        @Override
        public void endCDATA() {
            if (text.length() > 0) {
                open.peek().appendChild(document.createCDATASection(text.toString()));
                text.setLength(0);
            }
            inCdata = false;
        }

        @Override
        public void comment(char[] ch, int start, int length) {
            flushText();
            open.peek().appendChild(document.createComment(new String(ch, start, length)));
        }

        @Override
        public void processingInstruction(String target, String data) {
            flushText();
            open.peek().appendChild(document.createProcessingInstruction(target, data));
        }

        private void flushText() {
            if (text.length() == 0 || inCdata) {
                return;
            }
            if (open.peek() != document) {
                open.peek().appendChild(document.createTextNode(text.toString()));
            }
            text.setLength(0);
        }
    }
}
