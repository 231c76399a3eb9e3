package dev.domxml.qemu;

import dev.domxml.report.SourcePosition;
import java.util.Optional;

/** One option of a command line as written: its name ({@code -device}) and its value word, if it takes one. */
public record QemuOption(String name, Word nameWord, Optional<Word> valueWord) {

    public SourcePosition position() {
        return nameWord.position();
    }

    public String valueText() {
        return valueWord.map(Word::text).orElse("");
    }

    /** {@code -device scsi-hd,...} as written, for messages (long values cut short). */
    public String shortText() {
        String value = shortened(valueText());
        return value.isEmpty() ? name : name + " " + value;
    }

    /** A value as messages quote it: long ones cut short, so that one message stays one short line. */
    static String shortened(String value) {
        return value.length() > 60 ? value.substring(0, 57) + "..." : value;
    }
}
