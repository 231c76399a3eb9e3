package dev.domxml.fromargs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.domxml.args.ArgvComparison;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The storage level of a command line, as the shared {@code argv-compare --level storage} sees it:
 * iothread objects, block nodes and drives, storage controllers and disk frontends, in order, each value
 * compared by content (JSON key order does not matter). Kept apart from domxml's own reader on purpose:
 * a test of the reader must not use the reader to judge it.
 */
final class StorageArgs {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> STORAGE_DEVICES = Set.of(
            "virtio-scsi-pci", "virtio-scsi-pci-non-transitional", "virtio-scsi-pci-transitional", "lsi", "megasas",
            "megasas-gen2", "mptsas1068", "pvscsi", "am53c974", "dc390", "ahci", "scsi-hd", "scsi-cd", "scsi-block",
            "scsi-generic", "virtio-blk-pci", "virtio-blk-pci-non-transitional", "virtio-blk-pci-transitional",
            "ide-hd", "ide-cd", "usb-storage", "nvme", "nvme-ns");

    private StorageArgs() {}

    static List<String> of(String commandLine) {
        List<String> words = dev.domxml.args.ArgvComparison.shellWords(commandLine.replace("\\\n", " "));
        List<String> kept = new ArrayList<>();
        int i = 0;
        while (i < words.size() && !words.get(i).startsWith("-")) {
            i++;
        }
        while (i < words.size()) {
            String option = words.get(i);
            String value = i + 1 < words.size() && !words.get(i + 1).startsWith("-") ? words.get(i + 1) : null;
            i += value == null ? 1 : 2;
            if (value == null) {
                continue;
            }
            JsonNode v = value(option, value);
            boolean keep = switch (option) {
                case "-object" -> v.path("qom-type").asText().equals("iothread");
                case "-blockdev", "-drive" -> true;
                case "-device" -> STORAGE_DEVICES.contains(v.path("driver").asText());
                default -> false;
            };
            if (keep) {
                kept.add(option + " " + canonical(v));
            }
        }
        return kept;
    }

    private static JsonNode value(String option, String value) {
        JsonNode node = ArgvComparison.structured(option, value);
        if (node == null) {
            throw new IllegalArgumentException("bad JSON in " + option + ": " + value);
        }
        return node;
    }

    /** JSON with sorted keys, so that key order does not count. */
    private static String canonical(JsonNode node) {
        try {
            Object plain = JSON.treeToValue(node, Object.class);
            return JSON.copy().configure(com.fasterxml.jackson.databind.SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true)
                    .writeValueAsString(plain);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
