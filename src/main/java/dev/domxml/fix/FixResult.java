package dev.domxml.fix;

import java.util.List;

/** The corrected text (unchanged when nothing needed fixing) and what was changed, in plain words. */
public record FixResult(String original, String fixed, List<String> changes) {
    public FixResult {
        changes = List.copyOf(changes);
    }

    public boolean changed() {
        return !original.equals(fixed);
    }
}
