package dev.domxml.xml;

import dev.domxml.binding.Domain;
import dev.domxml.report.SourcePosition;
import jakarta.xml.bind.Binder;
import java.util.Optional;
import org.w3c.dom.Document;
import org.w3c.dom.Node;

/**
 * A domain XML as read: the user's own DOM (comments, order and layout intact), the typed view bound
 * to it, and the link between the two, so that a finding about a typed object can say where it was
 * written and a fix can edit the very node it came from.
 */
public final class DomainDocument {
    private final String fileName;
    private final Document dom;
    private final Domain domain;
    private final Binder<Node> binder;
    private final String source;

    DomainDocument(String fileName, Document dom, Domain domain, Binder<Node> binder, String source) {
        this.fileName = fileName;
        this.dom = dom;
        this.domain = domain;
        this.binder = binder;
        this.source = source;
    }

    /** The text as read (UTF-8 decoded); element spans are offsets into it. */
    public String source() {
        return source;
    }

    public String fileName() {
        return fileName;
    }

    public Document dom() {
        return dom;
    }

    public Domain domain() {
        return domain;
    }

    /** The DOM node a typed object was read from, if it was read from one. */
    public Optional<Node> nodeOf(Object bound) {
        if (bound == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(binder.getXMLNode(bound));
    }

    /** Where the element behind a typed object starts; the whole file when it has none. */
    public Optional<SourcePosition> positionOf(Object bound) {
        return nodeOf(bound).flatMap(LocatedDomParser::positionOf);
    }

    /** Where the first element with this name starts (for elements bound to plain text, such as {@code <iothreads>}). */
    public Optional<SourcePosition> positionOfElement(String tagName) {
        var nodes = dom.getElementsByTagName(tagName);
        return nodes.getLength() == 0 ? Optional.empty() : LocatedDomParser.positionOf(nodes.item(0));
    }

    public Binder<Node> binder() {
        return binder;
    }
}
