package dev.domxml.xml;

/**
 * Where an element sits in its source text, as char offsets: its start tag begins at {@code start} and
 * ends at {@code startTagEnd} (just past its '>'), the element ends at {@code end} (just past its end
 * tag; equal to {@code startTagEnd} for an empty-element tag).
 */
public record ElementSpan(int start, int startTagEnd, int end) {
    public boolean selfClosing() {
        return end == startTagEnd;
    }
}
