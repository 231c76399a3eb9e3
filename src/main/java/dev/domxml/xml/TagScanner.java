package dev.domxml.xml;

import dev.domxml.report.LineTable;
import dev.domxml.report.SourcePosition;
import java.util.Arrays;

/**
 * Finds tags in the source text of an XML document, and turns char offsets into line and column.
 * SAX reports elements in document order and '<' cannot stand unescaped anywhere but in markup, so the
 * n-th start tag found here is the n-th element SAX reported; the SAX locator cannot be trusted to
 * say where it was (Xerces' columns drift after lone '\r's).
 */
final class TagScanner {
    private final String fileName;
    private final String source;
    private LineTable lines;
    private int[] startTags;

    TagScanner(String fileName, String source) {
        this.fileName = fileName;
        this.source = source;
    }

    /**
     * The next tag at or after {@code from}: a start tag ({@code end} false) or an end tag, skipping
     * comments, CDATA sections, processing instructions and declarations; -1 when there is none.
     */
    int nextTag(int from, boolean end) {
        int i = from;
        while ((i = source.indexOf('<', i)) >= 0) {
            int skipTo = source.startsWith("<!--", i) ? after("-->", i + 4)
                    : source.startsWith("<![CDATA[", i) ? after("]]>", i + 9)
                    : source.startsWith("<?", i) ? after("?>", i + 2)
                    : source.startsWith("<!", i) ? after(">", i + 2)
                    : -2;
            if (skipTo == -1) {
                return -1;
            }
            if (skipTo >= 0) {
                i = skipTo;
            } else if (source.startsWith("</", i) == end) {
                return i;
            } else {
                i++;
            }
        }
        return -1;
    }

    /** Where the start tag of the element SAX reported as the {@code ordinal}-th (from 0) begins; -1 if not found. */
    int startTagOf(int ordinal) {
        int[] starts = startTags();
        return ordinal < starts.length ? starts[ordinal] : -1;
    }

    /** Every start tag, in document order: found in one pass when the first position is asked for. */
    private int[] startTags() {
        if (startTags == null) {
            int[] starts = new int[64];
            int count = 0;
            for (int at = nextTag(0, false); at >= 0; at = nextTag(at + 1, false)) {
                if (count == starts.length) {
                    starts = Arrays.copyOf(starts, count * 2);
                }
                starts[count++] = at;
            }
            startTags = Arrays.copyOf(starts, count);
        }
        return startTags;
    }

    /** The first start tag with this qualified name; -1 if there is none. */
    int firstStartTagNamed(String qName) {
        for (int at = nextTag(0, false); at >= 0; at = nextTag(at + 1, false)) {
            int nameEnd = at + 1 + qName.length();
            if (source.startsWith(qName, at + 1) && nameEnd < source.length()
                    && isNameEnd(source.charAt(nameEnd))) {
                return at;
            }
        }
        return -1;
    }

    private static boolean isNameEnd(char c) {
        return c == '>' || c == '/' || c == ' ' || c == '\t' || c == '\n' || c == '\r';
    }

    /** Just past the '>' that ends the start tag at {@code start}: the first one outside quotes. */
    int endOfStartTag(int start) {
        char quote = 0;
        for (int i = start + 1; i < source.length(); i++) {
            char c = source.charAt(i);
            if (quote != 0) {
                quote = c == quote ? 0 : quote;
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == '>') {
                return i + 1;
            }
        }
        return source.length();
    }

    /** Just past the end tag that closes an element whose start tag ends at {@code startTagEnd}. */
    int endOfElement(int startTagEnd, int searchFrom) {
        if (source.startsWith("/>", startTagEnd - 2)) {
            return startTagEnd;
        }
        int close = nextTag(searchFrom, true);
        int end = close < 0 ? -1 : source.indexOf('>', close);
        return end < 0 ? source.length() : end + 1;
    }

    private int after(String terminator, int from) {
        int at = source.indexOf(terminator, from);
        return at < 0 ? -1 : at + terminator.length();
    }

    /** Line and column (1-based) of a char offset. */
    SourcePosition positionAt(int offset) {
        if (lines == null) {
            lines = LineTable.of(source, LineTable.LineEnds.XML); // most documents never need it
        }
        return lines.position(fileName, offset);
    }
}
