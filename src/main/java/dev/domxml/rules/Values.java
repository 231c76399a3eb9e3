package dev.domxml.rules;

import java.math.BigInteger;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reading attribute text the way libvirt does: numbers in decimal or 0x hex, booleans as on/yes. */
final class Values {
    private static final Map<String, BigInteger> UNITS = Map.ofEntries(
            Map.entry("b", BigInteger.ONE), Map.entry("bytes", BigInteger.ONE),
            Map.entry("k", BigInteger.valueOf(1024)), Map.entry("kib", BigInteger.valueOf(1024)),
            Map.entry("kb", BigInteger.valueOf(1000)),
            Map.entry("m", BigInteger.valueOf(1024).pow(2)), Map.entry("mib", BigInteger.valueOf(1024).pow(2)),
            Map.entry("mb", BigInteger.valueOf(1000).pow(2)),
            Map.entry("g", BigInteger.valueOf(1024).pow(3)), Map.entry("gib", BigInteger.valueOf(1024).pow(3)),
            Map.entry("gb", BigInteger.valueOf(1000).pow(3)),
            Map.entry("t", BigInteger.valueOf(1024).pow(4)), Map.entry("tib", BigInteger.valueOf(1024).pow(4)),
            Map.entry("tb", BigInteger.valueOf(1000).pow(4)),
            Map.entry("p", BigInteger.valueOf(1024).pow(5)), Map.entry("pib", BigInteger.valueOf(1024).pow(5)),
            Map.entry("pb", BigInteger.valueOf(1000).pow(5)),
            Map.entry("e", BigInteger.valueOf(1024).pow(6)), Map.entry("eib", BigInteger.valueOf(1024).pow(6)),
            Map.entry("eb", BigInteger.valueOf(1000).pow(6)));

    private Values() {}

    static Optional<String> text(String value) {
        if (value == null) {
            return Optional.empty();
        }
        String trimmed = value.trim();
        return trimmed.isEmpty() ? Optional.empty() : Optional.of(trimmed);
    }

    /** An unsigned number in decimal or with a 0x prefix; empty when it is not one. */
    static Optional<Long> unsigned(String value) {
        if (value == null) {
            return Optional.empty();
        }
        String v = value.trim();
        try {
            long parsed = v.startsWith("0x") || v.startsWith("0X")
                    ? Long.parseLong(v.substring(2), 16) : Long.parseLong(v, 10);
            return parsed < 0 ? Optional.empty() : Optional.of(parsed);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** libvirt's tristate switches and booleans: on/off, yes/no. */
    static Optional<Boolean> onOff(String value) {
        if (value == null) {
            return Optional.empty();
        }
        return switch (value.trim()) {
            case "on", "yes" -> Optional.of(true);
            case "off", "no" -> Optional.of(false);
            default -> Optional.empty();
        };
    }

    /**
     * libvirt's bitmap syntax ({@code 0-3,^2,5}: ids and ranges, with ^ taking ids out) as ascending ids
     * up to {@code max}; empty when it is not one.
     */
    static Optional<List<Integer>> bitmap(String text, int max) {
        TreeSet<Integer> set = new TreeSet<>();
        Set<Integer> excluded = new HashSet<>();
        for (String item : text.split(",", -1)) {
            String part = item.trim();
            boolean exclude = part.startsWith("^");
            Matcher m = BITMAP_RANGE.matcher(exclude ? part.substring(1) : part);
            if (!m.matches()) {
                return Optional.empty();
            }
            int first = Integer.parseInt(m.group(1));
            int last = m.group(2) == null ? first : Integer.parseInt(m.group(2));
            if (last < first || last > max) {
                return Optional.empty();
            }
            for (int id = first; id <= last; id++) {
                (exclude ? excluded : set).add(id);
            }
        }
        set.removeAll(excluded);
        return Optional.of(List.copyOf(set));
    }

    private static final Pattern BITMAP_RANGE = Pattern.compile("(\\d{1,5})(?:-(\\d{1,5}))?");

    /** A memory size with a unit (KiB when absent), in KiB rounded up. */
    static Optional<Long> kibibytes(String value, String unit) {
        return bytes(value, unit == null ? "kib" : unit)
                .map(bytes -> bytes.add(BigInteger.valueOf(1023)).divide(BigInteger.valueOf(1024)))
                .filter(kib -> kib.bitLength() < 63)
                .map(BigInteger::longValue);
    }

    /** A size with a unit (libvirt's b, KiB, KB, MiB, ... spelled in any case), in bytes. */
    static Optional<BigInteger> bytes(String value, String unit) {
        Optional<Long> number = unsigned(value);
        BigInteger scale = unit == null ? null : UNITS.get(unit.trim().toLowerCase(Locale.ROOT));
        if (number.isEmpty() || scale == null) {
            return Optional.empty();
        }
        return Optional.of(BigInteger.valueOf(number.get()).multiply(scale));
    }
}
