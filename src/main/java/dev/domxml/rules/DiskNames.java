package dev.domxml.rules;

import java.util.OptionalInt;

/** Disk target names ({@code sda}, {@code vdab}, {@code hdc}) and the index they stand for. */
public final class DiskNames {
    private static final String[] PREFIXES = {"fd", "hd", "vd", "sd", "xvd", "ubd"};

    private DiskNames() {}

    /** {@code sda} → 0, {@code sdz} → 25, {@code sdaa} → 26; empty when the name has no such form. */
    public static OptionalInt indexOf(String name) {
        for (String prefix : PREFIXES) {
            if (name.startsWith(prefix) && name.length() > prefix.length()) {
                int index = 0;
                for (int i = prefix.length(); i < name.length(); i++) {
                    char c = name.charAt(i);
                    if (c < 'a' || c > 'z') {
                        return OptionalInt.empty();
                    }
                    index = (index + (i == prefix.length() ? 0 : 1)) * 26 + (c - 'a');
                    if (index < 0) {
                        return OptionalInt.empty();
                    }
                }
                return OptionalInt.of(index);
            }
        }
        return OptionalInt.empty();
    }

    /** The inverse of {@link #indexOf}: {@code name("sd", 26)} is {@code sdaa}. */
    public static String name(String prefix, int index) {
        StringBuilder suffix = new StringBuilder();
        for (int i = index; i >= 0; i = i / 26 - 1) {
            suffix.insert(0, (char) ('a' + i % 26));
        }
        return prefix + suffix;
    }
}
