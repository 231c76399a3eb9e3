package dev.domxml.qemu;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.domxml.report.SourcePosition;
import dev.domxml.xml.InputException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * The value of one option, written as JSON ({@code {"driver":"scsi-hd",...}}) or as QEMU's
 * {@code driver,key=value,...} with {@code ,,} standing for a comma, read into one shape. Getters
 * convert as QEMU does ({@code on}/{@code off}, {@code 0x} numbers) and remember which keys were
 * read, so that whatever the model does not use can be reported rather than silently dropped.
 */
public final class OptionValue {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final QemuOption option;
    private final ObjectNode node;
    private final String prefix;
    private final boolean json;
    private final Set<String> used = new LinkedHashSet<>();
    private final List<OptionValue> children = new ArrayList<>();

    private OptionValue(QemuOption option, ObjectNode node, String prefix, boolean json) {
        this.option = option;
        this.node = node;
        this.prefix = prefix;
        this.json = json;
    }

    /** Parses the value of {@code option}; a syntax error is an {@link InputException} at the spot. */
    public static OptionValue parse(QemuOption option) throws InputException {
        Word word = option.valueWord().orElseThrow();
        String text = word.text();
        if (text.startsWith("{")) {
            if (!QemuOptions.acceptsJson(option.name())) {
                throw new InputException(word.position(), option.name() + " takes key=value options, not JSON");
            }
            return new OptionValue(option, json(option, word), "", true);
        }
        return new OptionValue(option, keyValue(option, word), "", false);
    }

    private static ObjectNode json(QemuOption option, Word word) throws InputException {
        JsonNode tree;
        try {
            tree = JSON.readTree(word.text());
        } catch (JsonProcessingException e) {
            long offset = e.getLocation() == null ? 0 : e.getLocation().getCharOffset();
            String message = e.getOriginalMessage().replaceAll("\\s+", " ");
            int cut = message.indexOf(" at [Source");
            throw new InputException(word.positionAt((int) Math.max(0, Math.min(offset, Integer.MAX_VALUE))),
                    option.name() + ": broken JSON: " + (cut > 0 ? message.substring(0, cut) : message));
        }
        if (!(tree instanceof ObjectNode object)) {
            throw new InputException(word.position(), option.name() + ": the JSON value must be an object {...}");
        }
        return object;
    }

    /** Keys whose repeats QEMU gathers into one list rather than letting the last win. */
    private static final java.util.Set<String> LIST_KEYS = java.util.Set.of("host-nodes");

    private static ObjectNode keyValue(QemuOption option, Word word) throws InputException {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        String text = word.text();
        boolean dotted = QemuOptions.nestsDottedKeys(option.name());
        int itemStart = 0;
        boolean first = true;
        StringBuilder item = new StringBuilder();
        for (int i = 0; i <= text.length(); i++) {
            if (i < text.length() && text.charAt(i) == ',' && i + 1 < text.length() && text.charAt(i + 1) == ',') {
                item.append(',');
                i++;
                continue;
            }
            if (i < text.length() && text.charAt(i) != ',') {
                item.append(text.charAt(i));
                continue;
            }
            String entry = item.toString();
            item.setLength(0);
            if (entry.isEmpty()) {
                if (i < text.length()) {
                    throw new InputException(word.positionAt(itemStart),
                            option.name() + ": empty item at column " + (itemStart + 1) + " of its value");
                }
                break; // a trailing comma: QEMU ignores it
            }
            int eq = entry.indexOf('=');
            String key;
            String value;
            if (eq < 0) {
                Optional<String> implied = first ? QemuOptions.impliedKey(option.name()) : Optional.empty();
                key = implied.orElse(entry);
                value = implied.isPresent() ? entry : "on";
            } else {
                key = entry.substring(0, eq);
                value = entry.substring(eq + 1);
                if (key.isEmpty()) {
                    throw new InputException(word.positionAt(itemStart), option.name() + ": '" + entry + "' has no key");
                }
            }
            String[] path = dotted ? key.split("\\.", -1) : new String[] {key};
            if (List.of(path).contains("")) {
                throw new InputException(word.positionAt(itemStart), option.name() + ": '" + QemuOption.shortened(key)
                        + "' is not a valid key (a part between its dots is empty)");
            }
            JsonNode earlier = out.get(key);
            if (LIST_KEYS.contains(key) && earlier != null && earlier.isTextual()) {
                value = earlier.asText() + "," + value; // a list key given again adds to the list (host-nodes=0,host-nodes=2-3)
            }
            put(out, path, value);
            itemStart = i + 1;
            first = false;
        }
        return out;
    }

    private static void put(ObjectNode out, String[] path, String value) {
        ObjectNode at = out;
        for (int i = 0; i < path.length - 1; i++) {
            JsonNode child = at.get(path[i]);
            if (!(child instanceof ObjectNode)) {
                child = at.putObject(path[i]);
            }
            at = (ObjectNode) child;
        }
        at.set(path[path.length - 1], TextNode.valueOf(value));
    }

    /**
     * These keys with {@code later}'s added, as QEMU merges a repeated {@code -machine} key by key. A key
     * given again with another value is refused: QEMU would silently take the last.
     */
    public OptionValue mergedWith(OptionValue later) throws InputException {
        ObjectNode merged = node.deepCopy();
        Iterator<Map.Entry<String, JsonNode>> fields = later.node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode earlier = merged.get(field.getKey());
            if (earlier != null && !earlier.equals(field.getValue())) {
                SourcePosition first = position();
                throw later.error(later.option.name() + ": " + field.getKey() + "=" + field.getValue().asText()
                        + " contradicts " + field.getKey() + "=" + earlier.asText() + " given at " + first.line() + ":"
                        + first.column() + "; QEMU would silently take the last");
            }
            merged.set(field.getKey(), field.getValue());
        }
        return new OptionValue(option, merged, prefix, json);
    }

    public QemuOption option() {
        return option;
    }

    public boolean isJson() {
        return json;
    }

    public boolean has(String key) {
        return node.has(key) && !node.get(key).isNull();
    }

    /** The raw value of a key (marks it read). */
    public Optional<JsonNode> raw(String key) {
        used.add(key);
        return Optional.ofNullable(node.get(key));
    }

    public Optional<String> text(String key) {
        used.add(key);
        JsonNode value = node.get(key);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (value.isContainerNode()) {
            return Optional.of(value.toString());
        }
        return Optional.of(value.asText());
    }

    public String required(String key) throws InputException {
        Optional<String> value = text(key);
        if (value.isEmpty() || value.get().isEmpty()) {
            throw error(describe() + " has no " + key + "=");
        }
        return value.get();
    }

    /** A number that the model holds as an int, within {@code range} (checked by {@link NumberRange}). */
    public OptionalInt integer(String key, NumberRange range) throws InputException {
        Optional<BigInteger> value = bigInteger(key, range.fittingInt());
        return value.isPresent() ? OptionalInt.of(value.get().intValueExact()) : OptionalInt.empty();
    }

    /** A number that the model holds as a long, within {@code range}. */
    public Optional<Long> number(String key, NumberRange range) throws InputException {
        return bigInteger(key, range.fittingLong()).map(BigInteger::longValueExact);
    }

    /** A number as QEMU reads one (decimal, or hex with {@code 0x}: wwn, addr), refused outside {@code range}. */
    public Optional<BigInteger> bigInteger(String key, NumberRange range) throws InputException {
        used.add(key);
        JsonNode value = node.get(key);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        Optional<BigInteger> number = value.isIntegralNumber() ? Optional.of(value.bigIntegerValue())
                : value.isTextual() ? NumberRange.parse(value.asText()) : Optional.empty();
        if (number.isEmpty()) {
            throw error(describe() + ": " + key + "='" + value.asText() + "' is not a number");
        }
        return Optional.of(range.check(number.get(), describe() + ": " + key + "=" + value.asText(), position()));
    }

    public Optional<Boolean> bool(String key) throws InputException {
        used.add(key);
        JsonNode value = node.get(key);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (value.isBoolean()) {
            return Optional.of(value.booleanValue());
        }
        switch (value.asText().toLowerCase(Locale.ROOT)) {
            case "on", "yes", "true", "y" -> {
                return Optional.of(true);
            }
            case "off", "no", "false", "n" -> {
                return Optional.of(false);
            }
            default -> throw error(describe() + ": " + key + "='" + value.asText() + "' is not on or off");
        }
    }

    /** A nested object ({@code "cache":{...}} or {@code cache.direct=on}). */
    public Optional<OptionValue> object(String key) throws InputException {
        used.add(key);
        JsonNode value = node.get(key);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!(value instanceof ObjectNode object)) {
            throw error(describe() + ": " + key + " must be an object");
        }
        OptionValue child = new OptionValue(option, object, prefix + key + ".", json);
        children.add(child);
        return Optional.of(child);
    }

    /** Every key, in the order written. */
    public List<String> keys() {
        List<String> keys = new ArrayList<>();
        node.fieldNames().forEachRemaining(keys::add);
        return keys;
    }

    /** Marks keys as read: known, and of no consequence for the model. */
    public void ignore(String... keys) {
        used.addAll(List.of(keys));
    }

    /** {@code key=value} for each key nobody read, nested ones included. */
    public List<String> unused() {
        List<String> out = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (!used.contains(field.getKey())) {
                JsonNode v = field.getValue();
                out.add(prefix + field.getKey() + "=" + QemuOption.shortened(v.isValueNode() ? v.asText() : v.toString()));
            }
        }
        children.forEach(child -> out.addAll(child.unused()));
        return out;
    }

    /** {@code -device scsi-hd} or {@code -object iothread}: how messages name the option. */
    public String describe() {
        String kind = switch (option.name()) {
            case "-device" -> node.path("driver").asText("");
            case "-object" -> node.path("qom-type").asText("");
            case "-netdev" -> node.path("type").asText("");
            case "-blockdev" -> node.path("driver").asText("");
            default -> "";
        };
        if (kind.isEmpty() && option.name().equals("-drive")) {
            kind = node.has("id") ? "id=" + node.path("id").asText() : "";
        }
        return kind.isEmpty() ? option.name() : option.name() + " " + kind;
    }

    public SourcePosition position() {
        return option.position();
    }

    public InputException error(String message) {
        return new InputException(option.position(), message);
    }
}
