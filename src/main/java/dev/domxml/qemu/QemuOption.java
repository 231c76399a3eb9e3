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
        String value = valueText();
        if (value.length() > 60) {
            value = value.substring(0, 57) + "...";
        }
        return value.isEmpty() ? name : name + " " + value;
    }
}
