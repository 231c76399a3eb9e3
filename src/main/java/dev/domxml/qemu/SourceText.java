package dev.domxml.qemu;

import dev.domxml.report.SourcePosition;

/** A command line as read from its file: the text, and where each of its lines starts. */
public final class SourceText {
    private final String file;
    private final String text;
    private final int[] lineStarts;

    public SourceText(String file, String text) {
        this.file = file;
        this.text = text;
        // counted first, so that a file of a million short lines needs no boxed Integer per line
        int lines = 1 + (int) text.chars().filter(c -> c == '\n').count();
        this.lineStarts = new int[lines];
        int line = 1;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                lineStarts[line++] = i + 1;
            }
        }
    }

    public String file() {
        return file;
    }

    public String text() {
        return text;
    }

    /** 1-based line and column of a char offset. */
    public SourcePosition position(int offset) {
        int low = 0;
        int high = lineStarts.length - 1;
        while (low < high) {
            int mid = (low + high + 1) >>> 1;
            if (lineStarts[mid] <= offset) {
                low = mid;
            } else {
                high = mid - 1;
            }
        }
        return new SourcePosition(file, low + 1, offset - lineStarts[low] + 1);
    }

    public SourcePosition ofFile() {
        return SourcePosition.ofFile(file);
    }
}
