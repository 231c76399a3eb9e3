package dev.domxml.report;

import java.util.List;

/** A list for a one-line message: the first few items, then how many more, however long the input. */
public final class ShortList {
    /** Enough to see the pattern, short enough for one line. */
    public static final int SHOWN = 10;

    private ShortList() {}

    /** {@code a, b, c} or {@code a, b, ..., j, and 990 more}. */
    public static String of(List<?> items) {
        List<String> shown = items.stream().limit(SHOWN).map(String::valueOf).toList();
        return String.join(", ", shown) + (items.size() > SHOWN ? ", and " + (items.size() - SHOWN) + " more" : "");
    }
}
