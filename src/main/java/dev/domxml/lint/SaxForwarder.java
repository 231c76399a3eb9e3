package dev.domxml.lint;

import org.xml.sax.Attributes;
import org.xml.sax.ContentHandler;
import org.xml.sax.ErrorHandler;
import org.xml.sax.Locator;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.helpers.DefaultHandler;

/** A content handler and an error handler as the one {@link DefaultHandler} a parser takes. */
final class SaxForwarder extends DefaultHandler {
    private final ContentHandler content;
    private final ErrorHandler errors;

    SaxForwarder(ContentHandler content, ErrorHandler errors) {
        this.content = content;
        this.errors = errors;
    }

    @Override
    public void setDocumentLocator(Locator locator) {
        content.setDocumentLocator(locator);
    }

    @Override
    public void startDocument() throws SAXException {
        content.startDocument();
    }

    @Override
    public void endDocument() throws SAXException {
        content.endDocument();
    }

    @Override
    public void startPrefixMapping(String prefix, String uri) throws SAXException {
        content.startPrefixMapping(prefix, uri);
    }

    @Override
    public void endPrefixMapping(String prefix) throws SAXException {
        content.endPrefixMapping(prefix);
    }

    @Override
    public void startElement(String uri, String localName, String qName, Attributes attributes) throws SAXException {
        content.startElement(uri, localName, qName, attributes);
    }

    @Override
    public void endElement(String uri, String localName, String qName) throws SAXException {
        content.endElement(uri, localName, qName);
    }

    @Override
    public void characters(char[] ch, int start, int length) throws SAXException {
        content.characters(ch, start, length);
    }

    @Override
    public void ignorableWhitespace(char[] ch, int start, int length) throws SAXException {
        content.ignorableWhitespace(ch, start, length);
    }

    @Override
    public void processingInstruction(String target, String data) throws SAXException {
        content.processingInstruction(target, data);
    }

    @Override
    public void skippedEntity(String name) throws SAXException {
        content.skippedEntity(name);
    }

    @Override
    public void warning(SAXParseException e) throws SAXException {
        errors.warning(e);
    }

    @Override
    public void error(SAXParseException e) throws SAXException {
        errors.error(e);
    }

    @Override
    public void fatalError(SAXParseException e) throws SAXException {
        errors.fatalError(e);
        throw e;
    }
}
