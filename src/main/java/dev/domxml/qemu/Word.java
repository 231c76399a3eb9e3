package dev.domxml.qemu;

import dev.domxml.report.SourcePosition;

/**
 * One shell word of a command line, quotes and escapes removed, with the source offset of each of its
 * characters, so that a problem found deep inside a value (a JSON syntax error) can still be pointed at.
 */
public record Word(String text, int start, int[] offsets, SourceText source) {

    /** Where the word starts (its opening quote, if it starts with one). */
    public SourcePosition position() {
        return source.position(start);
    }

    /** Where the character at {@code index} of the unquoted text was written. */
    public SourcePosition positionAt(int index) {
        if (offsets.length == 0) {
            return position();
        }
        return source.position(offsets[Math.max(0, Math.min(index, offsets.length - 1))]);
    }

    @Override
    public String toString() {
        return text;
    }
}
