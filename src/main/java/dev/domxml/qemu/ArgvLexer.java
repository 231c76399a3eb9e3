package dev.domxml.qemu;

import dev.domxml.report.Diagnostic;
import dev.domxml.report.ShortList;
import dev.domxml.report.Severity;
import dev.domxml.report.SourcePosition;
import dev.domxml.xml.InputException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Splits a command line into shell words as a POSIX shell would (single and double quotes, backslash
 * escapes, backslash-newline continuations, {@code #} comments), remembering where each character was
 * written.
 *
 * <p>Command lines pasted from web pages and logs are often wrapped inside a word ({@code id=drive-} at
 * the end of one line, {@code scsi0,cache=none} at the start of the next). A line that starts in the
 * middle of an option value (the line before ended inside a value, and this one does not start with an
 * option) is joined to the line before it, and a newline inside quotes is dropped; either is reported
 * as one {@value #PASTED_WRAP} warning.
 */
public final class ArgvLexer {
    public static final String PASTED_WRAP = "args-pasted-wrap";

    private final SourceText source;
    private final String text;
    private final List<Word> words = new ArrayList<>();
    private final StringBuilder word = new StringBuilder();
    /** Where each char of {@link #word} was written; an int[] because a word may be megabytes long. */
    private int[] offsets = new int[64];
    /** Lines joined to the one before, in ascending order. */
    private final List<Integer> joinedLines = new ArrayList<>();
    private Optional<SourcePosition> firstJoin = Optional.empty();
    private int wordStart = -1;
    private boolean expectValue;
    private boolean currentIsValue;
    private String lastOption = "";

    private ArgvLexer(SourceText source) {
        this.source = source;
        this.text = source.text();
    }

    /** The words, and the warnings about pasted line wraps that were joined. */
    public record Lexed(List<Word> words, List<Diagnostic> warnings) {}

    public static Lexed lex(SourceText source) throws InputException {
        return new ArgvLexer(source).run();
    }

    private Lexed run() throws InputException {
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '\'' || c == '"') {
                i = quoted(i);
            } else if (c == '\\') {
                i = backslash(i);
            } else if (c == '\n') {
                i = newline(i);
            } else if (c == ' ' || c == '\t' || c == '\r' || c == '\f') {
                endWord();
                i++;
            } else if (c == '#' && wordStart < 0) {
                while (i < text.length() && text.charAt(i) != '\n') {
                    i++;
                }
            } else {
                append(c, i);
                i++;
            }
        }
        endWord();
        List<Diagnostic> warnings = new ArrayList<>();
        firstJoin.ifPresent(at -> warnings.add(new Diagnostic(Severity.WARNING, PASTED_WRAP, joinMessage(), Optional.of(at))));
        return new Lexed(List.copyOf(words), warnings);
    }

    private String joinMessage() {
        String lines = ShortList.of(joinedLines);
        return (joinedLines.size() == 1 ? "line " + lines + " starts" : "lines " + lines + " start")
                + " in the middle of an option value (a command line pasted with its line wraps?): joined "
                + (joinedLines.size() == 1 ? "it" : "each") + " to the line before";
    }

    private void startWord(int at) {
        if (wordStart < 0) {
            wordStart = at;
            currentIsValue = expectValue;
        }
    }

    private void append(char c, int at) {
        startWord(at);
        add(c, at);
    }

    /** A char of the current word and where it was written. */
    private void add(char c, int at) {
        if (word.length() == offsets.length) {
            offsets = Arrays.copyOf(offsets, offsets.length * 2);
        }
        offsets[word.length()] = at;
        word.append(c);
    }

    private void endWord() throws InputException {
        if (wordStart < 0) {
            return;
        }
        String value = word.toString();
        refuseNonXmlChars(value);
        words.add(new Word(value, wordStart, Arrays.copyOf(offsets, value.length()), source));
        if (currentIsValue) {
            expectValue = false;
        } else if (value.length() > 1 && value.startsWith("-")) {
            lastOption = QemuOptions.normalize(value);
            expectValue = QemuOptions.takesValue(lastOption);
        } else {
            expectValue = false;
        }
        word.setLength(0);
        wordStart = -1;
    }

    /**
     * A quoted part of a word, from its opening quote. Inside single quotes every char is itself;
     * inside double quotes a backslash escapes $, `, ", a backslash and a newline (a continuation,
     * dropped). A newline in either is a pasted wrap: dropped and reported (CRLF too).
     */
    /**
     * A control character in a word (or U+FFFE, U+FFFF) is refused at the spot: domain XML cannot hold
     * one, and no real argv has a NUL. Comments may hold anything; they are never words. (Text decoded
     * from bytes has no unpaired surrogates: the decoder replaces them.)
     */
    private void refuseNonXmlChars(String value) throws InputException {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean xmlChar = c == '\t' || c == '\n' || c == '\r' || (c >= 0x20 && c <= 0xFFFD);
            if (!xmlChar) {
                throw new InputException(source.position(offsets[i]), String.format(
                        "control character U+%04X in a command line: domain XML cannot hold it", (int) c));
            }
        }
    }

    private int quoted(int open) throws InputException {
        char quote = text.charAt(open);
        String escapable = quote == '"' ? "$`\"\\\n" : "";
        startWord(open);
        int i = open + 1;
        while (i < text.length() && text.charAt(i) != quote) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length() && escapable.indexOf(text.charAt(i + 1)) >= 0) {
                if (text.charAt(i + 1) != '\n') {
                    add(text.charAt(i + 1), i + 1);
                }
                i += 2;
                continue;
            }
            if (c == '\n') {
                joined(i + 1);
            } else if (c != '\r' || i + 1 >= text.length() || text.charAt(i + 1) != '\n') {
                add(c, i);
            }
            i++;
        }
        if (i >= text.length()) {
            throw unbalanced(quote, open);
        }
        return i + 1;
    }

    private int backslash(int at) {
        if (at + 1 >= text.length()) {
            return at + 1;
        }
        char next = text.charAt(at + 1);
        if (next == '\n') {
            return at + 2; // line continuation: nothing at all
        }
        if (next == '\r' && at + 2 < text.length() && text.charAt(at + 2) == '\n') {
            return at + 3;
        }
        append(next, at + 1);
        return at + 2;
    }

    /** An unquoted newline ends the word, unless the next line carries on a value wrapped by a paste. */
    private int newline(int at) throws InputException {
        if (wordStart >= 0 && currentIsValue) {
            int next = at + 1;
            while (next < text.length() && (text.charAt(next) == ' ' || text.charAt(next) == '\t')) {
                next++;
            }
            if (next < text.length() && "-#\n\r".indexOf(text.charAt(next)) < 0) {
                joined(next);
                return next;
            }
        }
        endWord();
        return at + 1;
    }

    private void joined(int continuedAt) {
        SourcePosition at = source.position(Math.min(continuedAt, text.length()));
        if (firstJoin.isEmpty()) {
            firstJoin = Optional.of(at);
        }
        // lines are joined in order: a repeat can only be the last one (contains() was quadratic)
        if (joinedLines.isEmpty() || joinedLines.get(joinedLines.size() - 1) != at.line()) {
            joinedLines.add(at.line());
        }
    }

    private InputException unbalanced(char quote, int open) {
        String where = lastOption.isEmpty() ? "" : " (in the value of " + lastOption + ")";
        if (!currentIsValue && word.length() > 0 && word.charAt(0) == '-') {
            where = " (in " + word + ")";
        }
        return new InputException(source.position(open), "unbalanced " + quote + " quote: it is never closed" + where);
    }
}
