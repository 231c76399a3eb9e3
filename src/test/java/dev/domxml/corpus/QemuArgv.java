package dev.domxml.corpus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.domxml.args.ArgvComparison;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A QEMU command line as libvirt prints it, split into options whose JSON or key=value values are
 * compared by content, so that two lines can be compared at the levels the shared argv-compare tool
 * uses: storage (iothreads, block nodes, storage controllers and disks), devices (every -device) and
 * full (everything but host-specific options).
 */
record QemuArgv(List<Entry> options) {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> STORAGE_DEVICES = Set.of(
            "virtio-scsi-pci", "lsi", "megasas", "mptsas1068", "pvscsi", "ahci", "scsi-hd", "scsi-cd", "scsi-block",
            "virtio-blk-pci", "ide-hd", "ide-cd");
    private static final Set<String> HOST_SPECIFIC = Set.of(
            "-chardev", "-mon", "-sandbox", "-msg", "-S", "-no-shutdown", "-daemonize", "-pidfile");
    private static final Set<String> STRUCTURED = Set.of("-device", "-object", "-blockdev", "-drive", "-netdev");

    enum Level { STORAGE, DEVICES, FULL }

    record Entry(String option, JsonNode value, String text) {
        @Override
        public String toString() {
            return value != null ? option + " " + value : text == null ? option : option + " " + text;
        }
    }

    static QemuArgv parse(String commandLine) {
        List<String> words = dev.domxml.args.ArgvComparison.shellWords(commandLine.replace("\\\n", " "));
        int i = 0;
        while (i < words.size() && !words.get(i).startsWith("-")) {
            i++; // environment and binary
        }
        List<Entry> options = new ArrayList<>();
        while (i < words.size()) {
            String option = words.get(i);
            if (i + 1 < words.size() && !words.get(i + 1).startsWith("-")) {
                String value = words.get(i + 1);
                options.add(STRUCTURED.contains(option)
                        ? new Entry(option, structured(option, value), null) : new Entry(option, null, value));
                i += 2;
            } else {
                options.add(new Entry(option, null, null));
                i++;
            }
        }
        return new QemuArgv(List.copyOf(options));
    }

    private static JsonNode structured(String option, String value) {
        JsonNode node = ArgvComparison.structured(option, value);
        if (node == null) {
            throw new IllegalArgumentException("bad JSON in " + option + ": " + value);
        }
        return node;
    }

    List<String> at(Level level) {
        List<String> kept = new ArrayList<>();
        for (Entry e : options) {
            if (keep(level, e)) {
                kept.add(e.toString());
            }
        }
        return kept;
    }

    private static boolean keep(Level level, Entry e) {
        if (e.option().equals("-object") && e.value() != null) {
            String type = e.value().path("qom-type").asText();
            return type.equals("iothread") || (level == Level.FULL && !type.equals("secret"));
        }
        if (e.option().equals("-blockdev") || e.option().equals("-drive")) {
            return true;
        }
        if (e.option().equals("-device") && e.value() != null) {
            return level != Level.STORAGE || STORAGE_DEVICES.contains(e.value().path("driver").asText());
        }
        return level == Level.FULL && !HOST_SPECIFIC.contains(e.option());
    }
}
