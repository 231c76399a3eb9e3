package dev.domxml.xml;

import dev.domxml.binding.Domain;
import dev.domxml.report.SourcePosition;
import jakarta.xml.bind.JAXBException;
import jakarta.xml.bind.Unmarshaller;
import jakarta.xml.bind.UnmarshallerHandler;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.glassfish.jaxb.runtime.v2.runtime.unmarshaller.SAXConnector;
import org.glassfish.jaxb.runtime.v2.runtime.unmarshaller.UnmarshallerImpl;
import org.xml.sax.Attributes;
import org.xml.sax.Locator;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.ext.DefaultHandler2;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Binds domain XML straight from SAX events, with no DOM in between: what {@code to-args} and
 * {@code lint} read, two to three times faster than a DOM and a JAXB {@code Binder}. It reads exactly
 * what {@link DomainReader#readEditable} reads: the same refusals, the first of an element written
 * twice (as libvirt does), and each typed object's position, found again in the text when asked for.
 */
final class StreamingBinder extends DefaultHandler2 {
    /** One unmarshaller per thread: JAXB's are not thread-safe, and making one per file costs more than binding. */
    private static final ThreadLocal<Unmarshaller> UNMARSHALLER = ThreadLocal.withInitial(() -> {
        try {
            Unmarshaller unmarshaller = DomainReader.context().createUnmarshaller();
            unmarshaller.setEventHandler(event -> true);
            return unmarshaller;
        } catch (JAXBException e) {
            throw new IllegalStateException("domain binding is broken: " + e, e);
        }
    });

    /** Whether the parser hands over interned names (the JDK's does); asked once, it does not change. */
    private static final boolean PARSER_INTERNS_NAMES = SaxInput.internsNames();

    private final UnmarshallerHandler jaxb;
    /** Sees every event as the parser sent it (a schema validator, say), so that one parse serves both. */
    private final DefaultHandler also;
    private final Deque<Open> open = new ArrayDeque<>();
    /** The ordinal (document order, from 0) of the element each typed object was read from. */
    private final Map<Object, Integer> ordinals = new IdentityHashMap<>();
    private final List<Runnable> firstTextWins = new ArrayList<>();
    private int nextOrdinal;
    /** Above 0 inside an element written a second time, whose events JAXB must not see. */
    private int skipDepth;
    private int prefixesOfSkipped;
    private final List<String> pendingPrefixes = new ArrayList<>();
    private String wrongRoot;
    private Locator locator;

    /** An open element: the object JAXB made for it, and which single-valued children it has had. */
    private static final class Open {
        final int ordinal;
        Object bound;
        Map<String, String> seenChildren;
        /** All text inside, kept only for an element bound to a single string field. */
        StringBuilder text;

        Open(int ordinal) {
            this.ordinal = ordinal;
        }
    }

    private StreamingBinder(UnmarshallerHandler jaxb, DefaultHandler also) {
        this.jaxb = jaxb;
        this.also = also;
    }

    static DomainDocument read(byte[] content, String fileName, DefaultHandler also) throws InputException {
        Unmarshaller unmarshaller = UNMARSHALLER.get();
        StreamingBinder binder = new StreamingBinder(handlerOf(unmarshaller), also);
        unmarshaller.setListener(new Unmarshaller.Listener() {
            @Override
            public void beforeUnmarshal(Object target, Object parent) {
                binder.bound(target);
            }
        });
        String source = new String(content, StandardCharsets.UTF_8);
        TagScanner tags = new TagScanner(fileName, source);
        boolean bound = false;
        try {
            SaxInput.parse(content, fileName, binder);
            if (binder.wrongRoot != null) {
                int root = tags.startTagOf(0);
                throw new InputException(root < 0 ? SourcePosition.ofFile(fileName) : tags.positionAt(root),
                        DomainReader.notADomain(binder.wrongRoot));
            }
            Domain domain = (Domain) binder.jaxb.getResult();
            binder.firstTextWins.forEach(Runnable::run);
            bound = true;
            return new StreamedDocument(fileName, source, domain, tags, binder.ordinals);
        } catch (JAXBException | RuntimeException e) {
            throw DomainReader.cannotBind(fileName, e);
        } finally {
            unmarshaller.setListener(null);
            if (!bound) {
                // JAXB's unmarshalling state is not reset by the next document's start: never reuse it after a failure.
                UNMARSHALLER.remove();
            }
        }
    }

    /**
     * JAXB's own handler interns every name it is given, which took a sixth of the binding time; the
     * JDK's SAX parser hands over names already interned (it says so: the string-interning feature),
     * and JAXB's unmarshal(XMLReader) skips the step for such a parser. This does what it does.
     */
    private static UnmarshallerHandler handlerOf(Unmarshaller unmarshaller) {
        if (PARSER_INTERNS_NAMES && unmarshaller instanceof UnmarshallerImpl jaxb) {
            return new SAXConnector(jaxb.createUnmarshallerHandler(null, false, null), null);
        }
        return unmarshaller.getUnmarshallerHandler();
    }

    private void bound(Object target) {
        Open element = open.peek();
        if (element != null && element.bound == null) {
            element.bound = target;
            ordinals.put(target, element.ordinal);
        }
    }

    @Override
    public void setDocumentLocator(Locator locator) {
        also.setDocumentLocator(locator);
        this.locator = locator;
        jaxb.setDocumentLocator(locator);
    }

    @Override
    public void startDocument() throws SAXException {
        also.startDocument();
        jaxb.startDocument();
    }

    @Override
    public void endDocument() throws SAXException {
        also.endDocument();
        if (wrongRoot == null) {
            jaxb.endDocument();
        }
    }

    @Override
    public void startPrefixMapping(String prefix, String uri) throws SAXException {
        also.startPrefixMapping(prefix, uri);
        // Held back: whether the element they belong to is read is known only at its start.
        pendingPrefixes.add(prefix);
        pendingPrefixes.add(uri);
    }

    @Override
    public void endPrefixMapping(String prefix) throws SAXException {
        also.endPrefixMapping(prefix);
        if (skipDepth > 0 || wrongRoot != null) {
            return;
        }
        if (prefixesOfSkipped > 0) {
            prefixesOfSkipped--;
            return;
        }
        jaxb.endPrefixMapping(prefix);
    }

    @Override
    public void startElement(String uri, String localName, String qName, Attributes attributes) throws SAXException {
        also.startElement(uri, localName, qName, attributes);
        DomNames.check(uri, qName, attributes, pendingPrefixes, locator);
        int ordinal = nextOrdinal++;
        if (skipDepth > 0 || wrongRoot != null) {
            skipDepth += skipDepth > 0 ? 1 : 0;
            pendingPrefixes.clear();
            return;
        }
        if (open.isEmpty() && (!"domain".equals(localName) || !uri.isEmpty())) {
            wrongRoot = qName;
            pendingPrefixes.clear();
            return;
        }
        Open parent = open.peek();
        Field single = parent == null || parent.bound == null || !uri.isEmpty()
                ? null : FirstElementWins.singleElements(parent.bound.getClass()).get(localName);
        if (single != null && secondTime(parent, localName, single)) {
            skipDepth = 1;
            prefixesOfSkipped = pendingPrefixes.size() / 2;
            pendingPrefixes.clear();
            return;
        }
        for (int i = 0; i < pendingPrefixes.size(); i += 2) {
            jaxb.startPrefixMapping(pendingPrefixes.get(i), pendingPrefixes.get(i + 1));
        }
        pendingPrefixes.clear();
        Open element = new Open(ordinal);
        if (single != null && single.getType() == String.class) {
            element.text = new StringBuilder();
        }
        open.push(element);
        jaxb.startElement(uri, localName, qName, attributes);
    }

    /**
     * Whether {@code parent} already had a {@code name} child. A string field gets the text of the first
     * as libvirt's XPath reads it (all text inside, child elements' too), after JAXB has had its say.
     */
    private boolean secondTime(Open parent, String name, Field field) {
        if (parent.seenChildren == null) {
            parent.seenChildren = new HashMap<>();
        }
        if (!parent.seenChildren.containsKey(name)) {
            parent.seenChildren.put(name, null);
            return false;
        }
        String firstText = parent.seenChildren.get(name);
        if (firstText != null) {
            Object bean = parent.bound;
            firstTextWins.add(() -> {
                try {
                    field.set(bean, firstText);
                } catch (IllegalAccessException impossible) {
                    // binding fields are public
                }
            });
        }
        return true;
    }

    @Override
    public void endElement(String uri, String localName, String qName) throws SAXException {
        also.endElement(uri, localName, qName);
        if (wrongRoot != null) {
            return;
        }
        if (skipDepth > 0) {
            skipDepth--;
            return;
        }
        Open element = open.pop();
        Open parent = open.peek();
        if (element.text != null && parent != null && parent.seenChildren != null) {
            parent.seenChildren.put(localName, element.text.toString());
        }
        jaxb.endElement(uri, localName, qName);
    }

    @Override
    public void characters(char[] ch, int start, int length) throws SAXException {
        also.characters(ch, start, length);
        bind(ch, start, length);
    }

    private void bind(char[] ch, int start, int length) throws SAXException {
        if (skipDepth > 0 || wrongRoot != null) {
            return;
        }
        for (Open element : open) {
            if (element.text != null) {
                element.text.append(ch, start, length);
            }
        }
        jaxb.characters(ch, start, length);
    }

    @Override
    public void ignorableWhitespace(char[] ch, int start, int length) throws SAXException {
        also.ignorableWhitespace(ch, start, length);
        bind(ch, start, length); // the DOM keeps it as text, and JAXB reads it from there
    }

    @Override
    public void processingInstruction(String target, String data) throws SAXException {
        also.processingInstruction(target, data);
    }

    @Override
    public void skippedEntity(String name) throws SAXException {
        also.skippedEntity(name);
    }

    @Override
    public void warning(SAXParseException e) throws SAXException {
        also.warning(e);
    }

    @Override
    public void error(SAXParseException e) throws SAXException {
        also.error(e);
    }

    @Override
    public void fatalError(SAXParseException e) throws SAXException {
        also.fatalError(e);
        throw e;
    }
}
