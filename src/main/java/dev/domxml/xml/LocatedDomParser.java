package dev.domxml.xml;

import dev.domxml.report.SourcePosition;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParser;
import javax.xml.parsers.SAXParserFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.Attributes;
import org.xml.sax.InputSource;
import org.xml.sax.Locator;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.ext.DefaultHandler2;

/**
 * Builds a DOM through SAX so that every element remembers where its start tag was written
 * (as DOM user data), which the standard DOM builder forgets. Comments and processing
 * instructions are kept so that an edited document can be written back without losing them.
 */
public final class LocatedDomParser {
    private static final String POSITION_KEY = "dev.domxml.position";
    private static final String SPAN_KEY = "dev.domxml.span";
    private static final SAXParserFactory SAX = SecureXml.saxParserFactory();
    private static final DocumentBuilderFactory DOM = DocumentBuilderFactory.newInstance();
    /** Making a parser costs more than parsing a domain; batch runs reuse one per thread. */
    private static final ThreadLocal<SAXParser> PARSER = ThreadLocal.withInitial(() -> {
        try {
            return SAX.newSAXParser();
        } catch (ParserConfigurationException | SAXException e) {
            throw new IllegalStateException("XML parser cannot be made: " + e.getMessage(), e);
        }
    });
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
        if (content.length == 0) {
            throw new InputException(new SourcePosition(fileName, 1, 1), "empty file: no XML document");
        }
        Document document = DOCUMENTS.get().newDocument();
        Builder builder = new Builder(document, fileName, new String(content, StandardCharsets.UTF_8));
        SAXParser parser = PARSER.get();
        try {
            parser.reset();
            parser.setProperty("http://xml.org/sax/properties/lexical-handler", builder);
            InputSource source = new InputSource(new ByteArrayInputStream(content));
            source.setSystemId(fileName);
            parser.parse(source, builder);
        } catch (SAXParseException e) {
            throw new InputException(
                    new SourcePosition(fileName, Math.max(e.getLineNumber(), 1), Math.max(e.getColumnNumber(), 1)),
                    describe(e));
        } catch (SAXException | IOException e) {
            throw new InputException(SourcePosition.ofFile(fileName), "cannot parse XML: " + e.getMessage(), e);
        } finally {
            // A parser left holding the last document's handler would keep its DOM alive.
            parser.reset();
        }
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

    private static String describe(SAXParseException e) {
        String message = e.getMessage() == null ? "malformed XML" : e.getMessage();
        if (message.contains("DOCTYPE")) {
            return "DOCTYPE declarations are not allowed (they can pull in external entities)";
        }
        return message;
    }

    /** SAX events to DOM nodes; each element learns where its tags are in the source text. */
    private static final class Builder extends DefaultHandler2 {
        private final Document document;
        private final String fileName;
        private final String source;
        private final List<Integer> lineStarts = new ArrayList<>();
        private final Deque<Node> open = new ArrayDeque<>();
        private final List<String[]> pendingNamespaces = new ArrayList<>();
        private final StringBuilder text = new StringBuilder();
        private boolean inCdata;
        private Locator locator;
        /** Where the next tag is looked for; moves forward through the source with the SAX events. */
        private int cursor;

        Builder(Document document, String fileName, String source) {
            this.document = document;
            this.fileName = fileName;
            this.source = source;
            open.push(document);
            lineStarts.add(0);
            // XML ends a line at "\r\n", "\n" and a lone "\r" (XML 1.0 section 2.11); so does the locator.
            for (int i = 0; i < source.length(); i++) {
                char c = source.charAt(i);
                if (c == '\n' || c == '\r' && (i + 1 == source.length() || source.charAt(i + 1) != '\n')) {
                    lineStarts.add(i + 1);
                }
            }
        }

        /** Line and column (1-based) of a char offset in the source. */
        private SourcePosition positionAt(int offset) {
            int line = lineOf(offset);
            return new SourcePosition(fileName, line + 1, offset - lineStarts.get(line) + 1);
        }

        /**
         * The next tag at or after the cursor: a start tag ({@code end} false) or an end tag, skipping
         * comments, CDATA sections and processing instructions. SAX reports elements in document order
         * and '<' cannot stand unescaped anywhere else, so this finds exactly the tag of the event at
         * hand; the locator cannot be trusted to (Xerces' columns drift after lone '\r's).
         */
        private int nextTag(boolean end) {
            int i = cursor;
            while ((i = source.indexOf('<', i)) >= 0) {
                int skipTo = source.startsWith("<!--", i) ? after("-->", i + 4)
                        : source.startsWith("<![CDATA[", i) ? after("]]>", i + 9)
                        : source.startsWith("<?", i) ? after("?>", i + 2)
                        : source.startsWith("<!", i) ? after(">", i + 2)
                        : -2;
                if (skipTo == -1) {
                    return -1;
                }
                if (skipTo >= 0) {
                    i = skipTo;
                } else if (source.startsWith("</", i) == end) {
                    return i;
                } else {
                    i++;
                }
            }
            return -1;
        }

        private int after(String terminator, int from) {
            int at = source.indexOf(terminator, from);
            return at < 0 ? -1 : at + terminator.length();
        }

        private int lineOf(int offset) {
            int low = 0;
            int high = lineStarts.size() - 1;
            while (low < high) {
                int mid = (low + high + 1) >>> 1;
                if (lineStarts.get(mid) <= offset) {
                    low = mid;
                } else {
                    high = mid - 1;
                }
            }
            return low;
        }

        @Override
        public void setDocumentLocator(Locator locator) {
            this.locator = locator;
        }

        @Override
        public void startPrefixMapping(String prefix, String uri) {
            pendingNamespaces.add(new String[] {prefix, uri});
        }

        @Override
        public void startElement(String uri, String localName, String qName, Attributes attributes)
                throws SAXException {
            try {
                buildElement(uri, qName, attributes);
            } catch (org.w3c.dom.DOMException e) {
                // Names the SAX parser lets through but DOM refuses, such as "<:uid>".
                throw new SAXParseException("invalid element or attribute name in <" + qName + ">", locator);
            }
        }

        private void buildElement(String uri, String qName, Attributes attributes) {
            flushText();
            Element element = document.createElementNS(uri.isEmpty() ? null : uri, qName);
            for (String[] ns : pendingNamespaces) {
                String name = ns[0].isEmpty() ? "xmlns" : "xmlns:" + ns[0];
                element.setAttributeNS(XMLConstants.XMLNS_ATTRIBUTE_NS_URI, name, ns[1]);
            }
            pendingNamespaces.clear();
            for (int i = 0; i < attributes.getLength(); i++) {
                String attrUri = attributes.getURI(i);
                element.setAttributeNS(attrUri.isEmpty() ? null : attrUri, attributes.getQName(i), attributes.getValue(i));
            }
            int start = nextTag(false);
            if (start >= 0) {
                int startTagEnd = endOfStartTag(start);
                cursor = startTagEnd;
                element.setUserData(POSITION_KEY, positionAt(start), null);
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
                int end = endOfElement(span);
                cursor = Math.max(cursor, end);
                element.setUserData(SPAN_KEY, new ElementSpan(span.start(), span.startTagEnd(), end), null);
            }
        }

        /** Just past the '>' that ends the start tag at {@code start}: the first one outside quotes. */
        private int endOfStartTag(int start) {
            char quote = 0;
            for (int i = start + 1; i < source.length(); i++) {
                char c = source.charAt(i);
                if (quote != 0) {
                    quote = c == quote ? 0 : quote;
                } else if (c == '\'' || c == '"') {
                    quote = c;
                } else if (c == '>') {
                    return i + 1;
                }
            }
            return source.length();
        }

        /** Just past the element's end tag, or its start tag when it is written {@code <x/>}. */
        private int endOfElement(ElementSpan span) {
            if (source.startsWith("/>", span.startTagEnd() - 2)) {
                return span.startTagEnd();
            }
            int close = nextTag(true);
            int end = close < 0 ? -1 : source.indexOf('>', close);
            return end < 0 ? source.length() : end + 1;
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
