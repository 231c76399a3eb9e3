package dev.domxml.xml;

import dev.domxml.binding.Domain;
import dev.domxml.report.SourcePosition;
import jakarta.xml.bind.Binder;
import java.util.Optional;
import org.w3c.dom.Document;
import org.w3c.dom.Node;

/**
 * A domain read with the user's own DOM (comments, order and layout intact) and the JAXB binder that
 * links each typed object to its node, so that a fix can edit the very node a finding came from.
 */
public final class EditableDocument extends DomainDocument {
    private final Document dom;
    private final Binder<Node> binder;

    EditableDocument(String fileName, String source, Domain domain, Document dom, Binder<Node> binder) {
        super(fileName, source, domain);
        this.dom = dom;
        this.binder = binder;
    }

    public Document dom() {
        return dom;
    }

    public Binder<Node> binder() {
        return binder;
    }

    /** The DOM node a typed object was read from, if it was read from one. */
    public Optional<Node> nodeOf(Object bound) {
        return bound == null ? Optional.empty() : Optional.ofNullable(binder.getXMLNode(bound));
    }

    @Override
    public Optional<SourcePosition> positionOf(Object bound) {
        return nodeOf(bound).flatMap(LocatedDomParser::positionOf);
    }

    @Override
    public Optional<SourcePosition> positionOfElement(String tagName) {
        var nodes = dom.getElementsByTagName(tagName);
        return nodes.getLength() == 0 ? Optional.empty() : LocatedDomParser.positionOf(nodes.item(0));
    }
}
