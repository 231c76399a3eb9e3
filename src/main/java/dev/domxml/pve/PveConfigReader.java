package dev.domxml.pve;

import dev.domxml.report.SourcePosition;
import dev.domxml.xml.InputException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a Proxmox VE VM config as qemu-server's parse_vm_config does: {@code key: value} lines, leading
 * {@code #} lines as the description, and nothing after the first {@code [section]} (snapshots, pending
 * changes, cloud-init state). A line Proxmox could not parse, or a disk value outside its schema, is an
 * error at its line and column.
 */
public final class PveConfigReader {
    private static final Pattern KEY_VALUE = Pattern.compile("([a-z][a-z_\\-]*\\d*):(\\s*)(.*?)\\s*");
    private static final Pattern SECTION = Pattern.compile("\\[[^\\]]*\\]\\s*");
    private static final Pattern DISK_KEY = Pattern.compile("(ide|scsi|virtio|sata)(\\d+)");
    private static final Map<String, Pattern> VALUES = Map.of(
            "cache", Pattern.compile("none|writethrough|writeback|unsafe|directsync"),
            "aio", Pattern.compile("native|threads|io_uring"),
            "discard", Pattern.compile("ignore|on"),
            "media", Pattern.compile("cdrom|disk"),
            "queues", Pattern.compile("\\d{1,4}"),
            "wwn", Pattern.compile("0x[0-9a-fA-F]{16}"),
            "format", Pattern.compile("raw|qcow2|vmdk|qed|cloop|cow|vdi|vhdx|vpc"));
    private static final Set<String> BOOLEANS = Set.of("iothread", "ssd", "ro", "detect_zeroes", "snapshot", "backup",
            "replicate", "shared", "scsiblock");
    private static final Pattern BOOLEAN = Pattern.compile("0|1|on|off|yes|no|true|false");

    private PveConfigReader() {}

    /** Whether a file is a Proxmox VM config: a {@code .conf} name, or text whose first line is {@code key: value}. */
    public static boolean looksLikeConfig(byte[] content, String fileName) {
        if (startsWithMarkup(content)) {
            return false; // the usual case, domain XML, decided without decoding the text
        }
        String text = new String(content, 0, Math.min(content.length, 4096), StandardCharsets.UTF_8);
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        String first = text.lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#"))
                .findFirst().orElse("");
        if (first.startsWith("<") || first.startsWith("-") || first.startsWith("/")) {
            return false;
        }
        return fileName.endsWith(".conf") || KEY_VALUE.matcher(first).matches() && first.matches("[a-z][a-z_\\-]*\\d*: .*");
    }

    /** Whether the first character after a byte-order mark and white space is '<'. */
    private static boolean startsWithMarkup(byte[] content) {
        int i = content.length >= 3 && (content[0] & 0xff) == 0xef && (content[1] & 0xff) == 0xbb
                && (content[2] & 0xff) == 0xbf ? 3 : 0;
        while (i < content.length && (content[i] == ' ' || content[i] == '\t' || content[i] == '\r' || content[i] == '\n')) {
            i++;
        }
        return i < content.length && content[i] == '<';
    }

    public static PveConfig read(String text, String file) throws InputException {
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        StringBuilder description = new StringBuilder();
        Map<String, PveConfig.Line> lines = new LinkedHashMap<>();
        String[] all = text.split("\r?\n", -1);
        for (int i = 0; i < all.length; i++) {
            String line = all[i];
            if (SECTION.matcher(line).matches()) {
                break; // snapshots and pending changes follow; the running VM is the main section
            }
            if (line.isBlank()) {
                continue;
            }
            if (line.startsWith("#")) {
                description.append(line.substring(1)).append('\n');
                continue;
            }
            Matcher m = KEY_VALUE.matcher(line);
            if (!m.matches() || m.group(3).isEmpty()) {
                throw new InputException(new SourcePosition(file, i + 1, 1),
                        "not a Proxmox VE config line (expected 'key: value'): " + PveStorage.shorten(line.strip()));
            }
            String key = m.group(1).equals("cdrom") ? "ide2" : m.group(1);
            int valueColumn = m.start(3) + 1;
            lines.remove(key); // the last line of a key wins, as in Proxmox
            lines.put(key, new PveConfig.Line(key, m.group(3), new SourcePosition(file, i + 1, 1), valueColumn));
        }
        List<PveDisk> disks = new ArrayList<>();
        for (PveBus bus : PveBus.values()) {
            for (PveConfig.Line line : lines.values()) {
                Matcher m = DISK_KEY.matcher(line.key());
                if (m.matches() && m.group(1).equals(bus.prefix())) {
                    disks.add(disk(line, bus, m.group(2)));
                }
            }
        }
        disks.sort(java.util.Comparator.comparingInt((PveDisk d) -> d.bus().ordinal()).thenComparingInt(PveDisk::index));
        String descr = description.toString().stripTrailing();
        return new PveConfig(file, descr, List.copyOf(lines.values()), disks);
    }

    private static PveDisk disk(PveConfig.Line line, PveBus bus, String indexText) throws InputException {
        int index = indexText.length() > 3 ? Integer.MAX_VALUE : Integer.parseInt(indexText);
        if (index >= bus.max()) {
            throw new InputException(line.position(), line.key() + ": Proxmox VE has " + bus.prefix() + "0 to "
                    + bus.prefix() + (bus.max() - 1) + " only");
        }
        String value = line.value();
        String volume = null;
        Map<String, PveDisk.Option> options = new LinkedHashMap<>();
        int column = line.valueColumn();
        for (String part : value.split(",", -1)) {
            int eq = part.indexOf('=');
            SourcePosition at = new SourcePosition(line.position().file(), line.position().line(), column);
            if (part.isEmpty()) {
                throw new InputException(at, line.key() + ": empty option in the disk value");
            }
            if (eq < 0 && volume == null && options.isEmpty()) {
                volume = part;
            } else if (eq <= 0) {
                throw new InputException(at, line.key() + ": expected name=value, not '" + part + "'");
            } else {
                String name = part.substring(0, eq);
                String v = part.substring(eq + 1);
                if (name.equals("file") || name.equals("volume")) {
                    if (volume != null) {
                        throw new InputException(at, line.key() + ": the volume is given twice");
                    }
                    volume = v;
                } else {
                    checkValue(name, v, at, line.key());
                    options.put(name, new PveDisk.Option(name, v, column));
                }
            }
            column += part.length() + 1;
        }
        if (volume == null || volume.isEmpty()) {
            throw new InputException(line.valuePosition(), line.key() + ": no volume (expected STORAGE:VOLUME, a path,"
                    + " none or cdrom first)");
        }
        return new PveDisk(line.key(), bus, index, volume, options, line.position());
    }

    private static void checkValue(String name, String value, SourcePosition at, String key) throws InputException {
        Pattern allowed = VALUES.get(name);
        if (allowed != null && !allowed.matcher(value).matches()
                || BOOLEANS.contains(name) && !BOOLEAN.matcher(value).matches()) {
            throw new InputException(at, key + ": " + name + "=" + value + " is not a value Proxmox VE accepts for "
                    + name);
        }
        if (name.equals("queues") && Integer.parseInt(value) < 2) {
            throw new InputException(at, key + ": queues must be at least 2");
        }
    }
}
