package dev.domxml.fix;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Sets properties in one option value as it was written: a key=value list keeps its order and its
 * other entries, a JSON object its field order; numbers stay numbers in JSON. Used to edit a user's
 * {@code -device} in place rather than rewrite it.
 */
final class OptionText {
    private static final ObjectMapper JSON = new ObjectMapper();

    private OptionText() {}

    static boolean isJson(String value) {
        return value.startsWith("{");
    }

    /** Whether the value sets {@code key}: a JSON field, or a key=value entry (not a text that mentions it). */
    static boolean has(String value, String key) {
        if (isJson(value)) {
            return object(value).has(key);
        }
        return entries(value).stream().anyMatch(entry -> entry.startsWith(key + "="));
    }

    static String set(String value, String key, String newValue) {
        return isJson(value) ? setJson(value, key, newValue, false) : setKeyValue(value, key, newValue);
    }

    /** A number property (scsi-id, lun): a JSON number, or plain text in a key=value list. */
    static String setNumber(String value, String key, int newValue) {
        return isJson(value) ? setJson(value, key, String.valueOf(newValue), true)
                : setKeyValue(value, key, String.valueOf(newValue));
    }

    /** The option's leading implied value ({@code virtio-scsi-pci} in {@code virtio-scsi-pci,id=x}). */
    static String setImplied(String value, String jsonKey, String newValue) {
        if (isJson(value)) {
            return setJson(value, jsonKey, newValue, false);
        }
        List<String> entries = entries(value);
        if (!entries.isEmpty() && !entries.get(0).contains("=")) {
            entries.set(0, escape(newValue));
        } else {
            entries.add(0, escape(newValue));
        }
        return String.join(",", entries);
    }

    /** A new value in the same style as {@code like}: {@code driver,k=v,...} or a JSON object. */
    static String create(boolean json, String impliedKey, String implied, List<String[]> properties) {
        if (json) {
            ObjectNode node = JSON.createObjectNode();
            node.put(impliedKey, implied);
            for (String[] property : properties) {
                node.put(property[0], property[1]);
            }
            return write(node);
        }
        StringBuilder out = new StringBuilder(escape(implied));
        for (String[] property : properties) {
            out.append(',').append(property[0]).append('=').append(escape(property[1]));
        }
        return out.toString();
    }

    private static String setKeyValue(String value, String key, String newValue) {
        List<String> entries = entries(value);
        String entry = key + "=" + escape(newValue);
        for (int i = 0; i < entries.size(); i++) {
            if (entries.get(i).startsWith(key + "=")) {
                entries.set(i, entry);
                return String.join(",", entries);
            }
        }
        entries.add(entry);
        return String.join(",", entries);
    }

    private static String setJson(String value, String key, String newValue, boolean number) {
        ObjectNode node = object(value);
        if (number) {
            node.put(key, Integer.parseInt(newValue));
        } else {
            node.put(key, newValue);
        }
        return write(node);
    }

    private static ObjectNode object(String value) {
        try {
            return (ObjectNode) JSON.readTree(value);
        } catch (JsonProcessingException | ClassCastException e) {
            // The reader parsed this value before the fix ran; it cannot be broken here.
            throw new IllegalStateException("option value is no JSON object: " + value, e);
        }
    }

    private static String write(ObjectNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Entries split at single commas; ",," is an escaped comma inside a value and stays as written. */
    private static List<String> entries(String value) {
        List<String> entries = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == ',' && i + 1 < value.length() && value.charAt(i + 1) == ',') {
                current.append(",,");
                i++;
            } else if (c == ',') {
                entries.add(current.toString());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        entries.add(current.toString());
        return entries;
    }

    private static String escape(String text) {
        return text.replace(",", ",,");
    }
}
