package dev.domxml.xml;

import dev.domxml.binding.Domain;
import dev.domxml.report.SourcePosition;
import java.util.Optional;

/**
 * A domain XML as read: its text and the typed view of it, each typed object knowing where it was
 * written so that a finding about it can say so. {@link DomainReader#read} makes one straight from the
 * parser; {@link DomainReader#readEditable} keeps the user's own DOM beside it, for {@code fix}.
 */
public abstract sealed class DomainDocument permits EditableDocument, StreamedDocument {
    private final String fileName;
    private final String source;
    private final Domain domain;

    DomainDocument(String fileName, String source, Domain domain) {
        this.fileName = fileName;
        this.source = source;
        this.domain = domain;
    }

    /** The text as read (UTF-8 decoded); element spans are offsets into it. */
    public String source() {
        return source;
    }

    public String fileName() {
        return fileName;
    }

    public Domain domain() {
        return domain;
    }

    /** Where the element behind a typed object starts; empty when it was not read from one. */
    public abstract Optional<SourcePosition> positionOf(Object bound);

    /** Where the element behind a typed object starts, else where {@code <domain>} does: a finding's place. */
    public final Optional<SourcePosition> positionOrDomain(Object bound) {
        Optional<SourcePosition> position = bound == null ? Optional.empty() : positionOf(bound);
        return position.isPresent() ? position : positionOf(domain);
    }

    /** Where the first element with this name starts (for elements bound to plain text, such as {@code <iothreads>}). */
    public abstract Optional<SourcePosition> positionOfElement(String tagName);
}
