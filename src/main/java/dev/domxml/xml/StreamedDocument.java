package dev.domxml.xml;

import dev.domxml.binding.Domain;
import dev.domxml.report.SourcePosition;
import java.util.Map;
import java.util.Optional;

/** A domain bound straight from SAX: positions are found in the text when asked for, which is seldom. */
final class StreamedDocument extends DomainDocument {
    private final TagScanner tags;
    private final Map<Object, Integer> ordinals;

    StreamedDocument(String fileName, String source, Domain domain, TagScanner tags, Map<Object, Integer> ordinals) {
        super(fileName, source, domain);
        this.tags = tags;
        this.ordinals = ordinals;
    }

    @Override
    public Optional<SourcePosition> positionOf(Object bound) {
        Integer ordinal = bound == null ? null : ordinals.get(bound);
        return ordinal == null ? Optional.empty() : at(tags.startTagOf(ordinal));
    }

    @Override
    public Optional<SourcePosition> positionOfElement(String tagName) {
        return at(tags.firstStartTagNamed(tagName));
    }

    private Optional<SourcePosition> at(int offset) {
        return offset < 0 ? Optional.empty() : Optional.of(tags.positionAt(offset));
    }
}
