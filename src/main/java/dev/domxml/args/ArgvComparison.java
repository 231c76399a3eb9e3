package dev.domxml.args;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.difflib.DiffUtils;
import com.github.difflib.patch.AbstractDelta;
import com.github.difflib.patch.Patch;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Compares libvirt's own QEMU command line ({@code virsh domxml-to-native qemu-argv}) with domxml's at the
 * level that decides where disk I/O runs: {@code -object iothread}, every {@code -blockdev}/{@code -drive}
 * and every {@code -device}, in order, values compared by content (JSON or key=value). Host-specific
 * parts that libvirt adds and domxml leaves out on purpose (environment, master-key secret, monitor,
 * {@code -S}, {@code -no-shutdown}, tap file descriptors) are ignored and named.
 */
public final class ArgvComparison {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> STRUCTURED = Set.of("-device", "-object", "-blockdev", "-drive", "-netdev", "-chardev");

    private final List<Entry> libvirt;
    private final List<Entry> domxml;
    private final List<String> ignored;

    private ArgvComparison(List<Entry> libvirt, List<Entry> domxml, List<String> ignored) {
        this.libvirt = libvirt;
        this.domxml = domxml;
        this.ignored = ignored;
    }

    /** One option with its value; structured values (JSON or key=value) are compared as parsed. */
    public record Entry(String option, String text, JsonNode value) {
        @Override
        public String toString() {
            return text == null ? option : option + " " + text;
        }

        boolean sameAs(Entry other) {
            if (!option.equals(other.option)) {
                return false;
            }
            if (value != null && other.value != null) {
                return value.equals(other.value);
            }
            return java.util.Objects.equals(text, other.text);
        }

        String attribute(String name) {
            return value == null ? "" : value.path(name).asText();
        }
    }

    /** Compares libvirt's line (shell text, as libvirt prints it) with domxml's argv. */
    public static ArgvComparison compare(String libvirtLine, List<String> domxmlArgv) {
        List<String> words = shellWords(libvirtLine.replace("\\\n", " "));
        List<String> ignored = new ArrayList<>();
        List<Entry> theirs = entries(words, ignored);
        List<Entry> ours = entries(domxmlArgv, new ArrayList<>());
        return new ArgvComparison(compared(theirs), compared(ours), List.copyOf(ignored));
    }

    /** libvirt's options at the compared level, in order. */
    public List<Entry> libvirt() {
        return libvirt;
    }

    /** domxml's options at the compared level, in order. */
    public List<Entry> domxml() {
        return domxml;
    }

    /** The host-specific parts of libvirt's line that were left out, briefly ({@code -S}, {@code -mon}, ...). */
    public List<String> ignored() {
        return ignored;
    }

    public boolean same() {
        if (libvirt.size() != domxml.size()) {
            return false;
        }
        for (int i = 0; i < libvirt.size(); i++) {
            if (!libvirt.get(i).sameAs(domxml.get(i))) {
                return false;
            }
        }
        return true;
    }

    /**
     * A unified diff from libvirt's options to domxml's, one option per line (options equal by content
     * count as equal lines; one line of context); empty when the same.
     */
    public String unifiedDiff(String libvirtName, String domxmlName) {
        Patch<Entry> patch = DiffUtils.diff(libvirt, domxml, Entry::sameAs);
        if (patch.getDeltas().isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        out.append("--- ").append(libvirtName).append('\n').append("+++ ").append(domxmlName).append('\n');
        for (AbstractDelta<Entry> delta : patch.getDeltas()) {
            int from = delta.getSource().getPosition();
            int to = delta.getTarget().getPosition();
            boolean context = from > 0 && to > 0;
            out.append("@@ -").append(from + (context ? 0 : 1)).append(',').append(delta.getSource().size() + (context ? 1 : 0))
                    .append(" +").append(to + (context ? 0 : 1)).append(',').append(delta.getTarget().size() + (context ? 1 : 0))
                    .append(" @@\n");
            if (context) {
                out.append(' ').append(libvirt.get(from - 1)).append('\n');
            }
            delta.getSource().getLines().forEach(e -> out.append('-').append(e).append('\n'));
            delta.getTarget().getLines().forEach(e -> out.append('+').append(e).append('\n'));
        }
        return out.toString();
    }

    private static List<Entry> compared(List<Entry> all) {
        List<Entry> kept = new ArrayList<>();
        for (Entry e : all) {
            boolean keep = switch (e.option()) {
                case "-object" -> e.attribute("qom-type").equals("iothread");
                case "-blockdev", "-drive", "-device" -> true;
                default -> false;
            };
            if (keep) {
                kept.add(e);
            }
        }
        return List.copyOf(kept);
    }

    private static List<Entry> entries(List<String> words, List<String> ignored) {
        int i = 0;
        List<String> environment = new ArrayList<>();
        while (i < words.size() && !words.get(i).startsWith("-")) {
            String word = words.get(i++);
            int eq = word.indexOf('=');
            if (eq > 0 && !word.startsWith("/")) {
                environment.add(word.substring(0, eq));
            }
        }
        if (!environment.isEmpty()) {
            ignored.add("environment (" + String.join(", ", environment) + ")");
        }
        List<Entry> entries = new ArrayList<>();
        while (i < words.size()) {
            String option = words.get(i);
            Entry entry;
            if (i + 1 < words.size() && !words.get(i + 1).startsWith("-")) {
                String value = words.get(i + 1);
                entry = new Entry(option, value, STRUCTURED.contains(option) ? structured(option, value) : null);
                i += 2;
            } else {
                entry = new Entry(option, null, null);
                i++;
            }
            hostSpecific(entry).ifPresent(ignored::add);
            entries.add(entry);
        }
        return entries;
    }

    /** What libvirt adds for its own daemon and host, which no standalone command line has. */
    private static java.util.Optional<String> hostSpecific(Entry e) {
        return java.util.Optional.ofNullable(switch (e.option()) {
            case "-S", "-no-shutdown", "-daemonize" -> e.option();
            case "-mon", "-pidfile" -> e.option();
            case "-object" -> e.attribute("qom-type").equals("secret") ? "-object secret " + e.attribute("id") : null;
            case "-chardev" -> e.attribute("id").equals("charmonitor") ? "-chardev charmonitor" : null;
            case "-netdev" -> e.attribute("type").equals("tap") || e.value() != null && e.value().has("fd")
                    ? "-netdev " + e.attribute("id") + " (tap file descriptor)" : null;
            default -> null;
        });
    }

    /**
     * An option's value as a JSON object whatever way it was written: libvirt's JSON as it is, QEMU's
     * key=value list with its leading implied key (driver, qom-type, type) named; null for broken JSON.
     */
    public static JsonNode structured(String option, String value) {
        if (value.startsWith("{")) {
            try {
                return JSON.readTree(value);
            } catch (IOException e) {
                return null; // compared as text
            }
        }
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        boolean first = true;
        for (String part : value.split(",(?!,)")) {
            String item = part.replace(",,", ",");
            int eq = item.indexOf('=');
            if (eq > 0) {
                node.put(item.substring(0, eq), item.substring(eq + 1));
            } else if (first && (option.equals("-device") || option.equals("-object") || option.equals("-chardev")
                    || option.equals("-netdev"))) {
                node.put(option.equals("-device") ? "driver" : option.equals("-object") ? "qom-type" : "type", item);
            } else {
                node.put(item, true);
            }
            first = false;
        }
        return node;
    }

    /** Splits a shell command line into words: single and double quotes, backslash escapes. */
    public static List<String> shellWords(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\'') {
                int end = line.indexOf('\'', i + 1);
                if (end < 0) {
                    throw new IllegalArgumentException("unbalanced single quote in command line");
                }
                word.append(line, i + 1, end);
                i = end;
                inWord = true;
            } else if (c == '"') {
                i++;
                while (i < line.length() && line.charAt(i) != '"') {
                    if (line.charAt(i) == '\\' && i + 1 < line.length()) {
                        i++;
                    }
                    word.append(line.charAt(i++));
                }
                if (i >= line.length()) {
                    throw new IllegalArgumentException("unbalanced double quote in command line");
                }
                inWord = true;
            } else if (c == '\\' && i + 1 < line.length()) {
                word.append(line.charAt(++i));
                inWord = true;
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else {
                word.append(c);
                inWord = true;
            }
        }
        if (inWord) {
            words.add(word.toString());
        }
        return words;
    }
}
