package dev.domxml.report;

import java.util.Arrays;

/** Where each line of a text starts, to turn char offsets into 1-based lines and columns. */
public final class LineTable {
    /** What ends a line. */
    public enum LineEnds {
        /** "\n" only: command lines, configs. */
        NEWLINE,
        /** "\r\n", "\n" and a lone "\r", as XML 1.0 (section 2.11) and every SAX locator count them. */
        XML
    }

    private final int[] starts;

    private LineTable(int[] starts) {
        this.starts = starts;
    }

    public static LineTable of(String text, LineEnds ends) {
        int[] starts = new int[16];
        int count = 1;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean end = c == '\n' || ends == LineEnds.XML && c == '\r'
                    && (i + 1 == text.length() || text.charAt(i + 1) != '\n');
            if (end) {
                if (count == starts.length) {
                    starts = Arrays.copyOf(starts, count * 2);
                }
                starts[count++] = i + 1;
            }
        }
        return new LineTable(Arrays.copyOf(starts, count));
    }

    public SourcePosition position(String file, int offset) {
        int line = Arrays.binarySearch(starts, offset);
        line = line >= 0 ? line : -line - 2;
        return new SourcePosition(file, line + 1, offset - starts[line] + 1);
    }
}
