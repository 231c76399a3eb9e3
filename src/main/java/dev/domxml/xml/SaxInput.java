package dev.domxml.xml;

import dev.domxml.report.SourcePosition;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParser;
import javax.xml.parsers.SAXParserFactory;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.ext.DefaultHandler2;

/** Runs a SAX handler over a document with a secured parser, turning every failure into an {@link InputException}. */
final class SaxInput {
    private static final SAXParserFactory SAX = SecureXml.saxParserFactory();
    /** Making a parser costs more than parsing a domain; batch runs reuse one per thread. */
    private static final ThreadLocal<SAXParser> PARSER = ThreadLocal.withInitial(() -> {
        try {
            return SAX.newSAXParser();
        } catch (ParserConfigurationException | SAXException e) {
            throw new IllegalStateException("XML parser cannot be made: " + e.getMessage(), e);
        }
    });

    private SaxInput() {}

    /** Whether the parser reports element and attribute names as interned strings (the JDK's does). */
    static boolean internsNames() {
        try {
            return PARSER.get().getXMLReader().getFeature("http://xml.org/sax/features/string-interning");
        } catch (SAXException e) {
            return false;
        }
    }

    static void parse(byte[] content, String fileName, DefaultHandler2 handler) throws InputException {
        if (content.length == 0) {
            throw new InputException(new SourcePosition(fileName, 1, 1), "empty file: no XML document");
        }
        SAXParser parser = PARSER.get();
        try {
            parser.reset();
            parser.setProperty("http://xml.org/sax/properties/lexical-handler", handler);
            InputSource source = new InputSource(new ByteArrayInputStream(content));
            source.setSystemId(fileName);
            parser.parse(source, handler);
        } catch (SAXParseException e) {
            throw new InputException(
                    new SourcePosition(fileName, Math.max(e.getLineNumber(), 1), Math.max(e.getColumnNumber(), 1)),
                    describe(e));
        } catch (SAXException | IOException e) {
            throw new InputException(SourcePosition.ofFile(fileName), "cannot parse XML: " + e.getMessage(), e);
        } finally {
            // A parser left holding the last document's handler would keep its result alive.
            parser.reset();
        }
    }

    private static String describe(SAXParseException e) {
        String message = e.getMessage() == null ? "malformed XML" : e.getMessage();
        if (message.contains("DOCTYPE")) {
            return "DOCTYPE declarations are not allowed (they can pull in external entities)";
        }
        return message;
    }
}
