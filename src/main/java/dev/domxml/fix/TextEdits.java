package dev.domxml.fix;

import dev.domxml.xml.ElementSpan;
import dev.domxml.xml.LocatedDomParser;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Edits to the user's own text, addressed by the DOM elements they concern: attributes set or removed
 * inside one start tag, elements inserted beside or inside others with the file's own indentation and
 * quote style. Everything not edited stays byte for byte as written (comments, attribute order,
 * namespaces, blank lines).
 */
final class TextEdits {
    private record Edit(int offset, int length, String text, int order) {}

    private final String source;
    private final List<Edit> edits = new ArrayList<>();
    private final char quote;
    private final String indentUnit;
    private final String lineEnd;

    TextEdits(String source) {
        this.source = source;
        this.lineEnd = lineEndOf(source);
        this.quote = countOf(source, "='") >= countOf(source, "=\"") ? '\'' : '"';
        this.indentUnit = guessIndentUnit(source);
    }

    boolean isEmpty() {
        return edits.isEmpty();
    }

    String apply() {
        List<Edit> sorted = new ArrayList<>(edits);
        sorted.sort(Comparator.comparingInt(Edit::offset).thenComparingInt(Edit::order));
        StringBuilder out = new StringBuilder(source.length() + 256);
        int at = 0;
        for (Edit edit : sorted) {
            if (edit.offset() < at) {
                throw new IllegalStateException("overlapping edits at offset " + edit.offset());
            }
            out.append(source, at, edit.offset()).append(edit.text());
            at = edit.offset() + edit.length();
        }
        return out.append(source.substring(at)).toString();
    }

    String attr(String name, String value) {
        return name + "=" + quote + escape(value) + quote;
    }

    /** Sets {@code name} in the element's start tag: replaces its value, or adds it before the tag's end. */
    void setAttribute(Element element, String name, String value) {
        ElementSpan span = span(element);
        String tag = source.substring(span.start(), span.startTagEnd());
        Matcher m = attributePattern(name).matcher(tag);
        if (m.find()) {
            add(span.start() + m.start(3), m.end(3) - m.start(3), escape(value));
            return;
        }
        int close = tag.endsWith("/>") ? tag.length() - 2 : tag.length() - 1;
        int insertAt = close;
        while (insertAt > 0 && Character.isWhitespace(tag.charAt(insertAt - 1))) {
            insertAt--;
        }
        add(span.start() + insertAt, 0, " " + attr(name, value));
    }

    void removeAttribute(Element element, String name) {
        ElementSpan span = span(element);
        String tag = source.substring(span.start(), span.startTagEnd());
        Matcher m = attributePattern(name).matcher(tag);
        if (m.find()) {
            add(span.start() + m.start(), m.end() - m.start(), "");
        }
    }

    /** Replaces the text content of an element such as {@code <iothreads>2</iothreads>}. */
    void setText(Element element, String text) {
        ElementSpan span = span(element);
        int contentEnd = source.lastIndexOf("</", span.end());
        add(span.startTagEnd(), contentEnd - span.startTagEnd(), escape(text));
    }

    /** Inserts {@code xml} as the next sibling of {@code sibling}, on its own line at the same indentation. */
    void insertAfter(Element sibling, String xml) {
        ElementSpan span = span(sibling);
        String indent = indentOf(span.start());
        add(span.end(), 0, lineEnd + indent + reindent(xml, indent));
    }

    /** Appends {@code xml} as the last child element of {@code parent}. */
    void appendChild(Element parent, String xml) {
        Element last = lastElementChild(parent);
        if (last != null) {
            insertAfter(last, xml);
            return;
        }
        ElementSpan span = span(parent);
        String indent = indentOf(span.start());
        String child = lineEnd + indent + indentUnit + reindent(xml, indent + indentUnit) + lineEnd + indent;
        if (span.selfClosing()) {
            int slash = source.lastIndexOf("/>", span.startTagEnd() - 2); // its own "/>", not text after it
            int trimmed = slash;
            while (trimmed > span.start() && Character.isWhitespace(source.charAt(trimmed - 1))) {
                trimmed--;
            }
            add(trimmed, span.startTagEnd() - trimmed, ">" + child + "</" + parent.getTagName() + ">");
        } else {
            int contentEnd = source.lastIndexOf("</", span.end());
            add(span.startTagEnd(), contentEnd - span.startTagEnd(), child);
        }
    }

    /** Multi-line snippets are written with two-space steps; the file's own step replaces them. */
    private String reindent(String xml, String indent) {
        if (!xml.contains("\n")) {
            return xml;
        }
        StringBuilder out = new StringBuilder();
        String[] lines = xml.split("\n");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            int depth = 0;
            while (line.startsWith("  ")) {
                line = line.substring(2);
                depth++;
            }
            out.append(i == 0 ? "" : lineEnd + indent + indentUnit.repeat(depth)).append(line);
        }
        return out.toString();
    }

    String quoteChar() {
        return String.valueOf(quote);
    }

    private void add(int offset, int length, String text) {
        edits.add(new Edit(offset, length, text, edits.size()));
    }

    private static Element lastElementChild(Element parent) {
        for (Node n = parent.getLastChild(); n != null; n = n.getPreviousSibling()) {
            if (n instanceof Element e) {
                return e;
            }
        }
        return null;
    }

    private String indentOf(int offset) {
        int lineStart = Math.max(source.lastIndexOf('\n', offset - 1), source.lastIndexOf('\r', offset - 1)) + 1;
        int end = lineStart;
        while (end < offset && (source.charAt(end) == ' ' || source.charAt(end) == '\t')) {
            end++;
        }
        return source.substring(lineStart, end);
    }

    private static ElementSpan span(Element element) {
        return LocatedDomParser.spanOf(element).orElseThrow(
                () -> new IllegalStateException("<" + element.getTagName() + "> has no source position"));
    }

    private static Pattern attributePattern(String name) {
        return Pattern.compile("\\s+" + Pattern.quote(name) + "\\s*=\\s*(['\"])((.*?))\\1", Pattern.DOTALL);
    }

    private String escape(String value) {
        String escaped = value.replace("&", "&amp;").replace("<", "&lt;");
        return quote == '\'' ? escaped.replace("'", "&apos;") : escaped.replace("\"", "&quot;");
    }

    private static int countOf(String text, String needle) {
        int count = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
            count++;
        }
        return count;
    }

    /** Inserted lines end as the file's first line does, so a CRLF file stays CRLF. */
    private static String lineEndOf(String source) {
        Matcher m = Pattern.compile("\\r\\n|\\r|\\n").matcher(source);
        return m.find() ? m.group() : "\n";
    }

    /** The most common step between the indentation of consecutive lines; two spaces if none. */
    private static String guessIndentUnit(String source) {
        int[] votes = new int[9];
        int tabs = 0;
        String previous = "";
        for (String line : source.split("\\R")) {
            if (line.isBlank()) {
                continue;
            }
            int i = 0;
            while (i < line.length() && (line.charAt(i) == ' ' || line.charAt(i) == '\t')) {
                i++;
            }
            String indent = line.substring(0, i);
            if (indent.startsWith(previous) && indent.length() > previous.length()) {
                String step = indent.substring(previous.length());
                if (step.chars().allMatch(c -> c == '\t')) {
                    tabs++;
                } else if (step.length() < votes.length) {
                    votes[step.length()]++;
                }
            }
            previous = indent;
        }
        int best = 2;
        for (int n = 1; n < votes.length; n++) {
            if (votes[n] > votes[best]) {
                best = n;
            }
        }
        return tabs > votes[best] ? "\t" : " ".repeat(best);
    }
}
