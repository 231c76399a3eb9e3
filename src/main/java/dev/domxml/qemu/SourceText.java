package dev.domxml.qemu;

import dev.domxml.report.LineTable;
import dev.domxml.report.SourcePosition;

/** A command line as read from its file: the text, and where each of its lines starts. */
public final class SourceText {
    private final String file;
    private final String text;
    private final LineTable lines;

    public SourceText(String file, String text) {
        this.file = file;
        this.text = text;
        this.lines = LineTable.of(text, LineTable.LineEnds.NEWLINE);
    }

    public String file() {
        return file;
    }

    public String text() {
        return text;
    }

    /** 1-based line and column of a char offset. */
    public SourcePosition position(int offset) {
        return lines.position(file, offset);
    }

    public SourcePosition ofFile() {
        return SourcePosition.ofFile(file);
    }
}
