package dev.domxml.pve;

import dev.domxml.report.SourcePosition;
import dev.domxml.xml.InputException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where Proxmox VE storage volumes ({@code local-lvm:vm-100-disk-0}) are on the host: storage ids mapped
 * to a path prefix by {@code --storage ID=PREFIX}, or read from {@code /etc/pve/storage.cfg}. A volume of a
 * storage neither names keeps its volume id as its path, and {@link Resolved#mapped()} says so.
 */
public final class PveStorage {
    private static final Pattern SECTION = Pattern.compile("([a-z][a-z0-9]*):\\s*(\\S+)\\s*");
    private static final Pattern PROPERTY = Pattern.compile("\\s+(\\S+)(?:\\s+(.*?))?\\s*");
    private static final Pattern OPTION = Pattern.compile("([A-Za-z][A-Za-z0-9_.-]*)=(.+)");

    /**
     * One storage: its type ({@code dir}, {@code lvmthin}, {@code zfspool}, ... or {@code prefix} for a
     * {@code --storage} mapping) and the directory or device prefix its volumes are under.
     */
    public record Storage(String id, String type, String prefix, boolean krbd, boolean nocow) {}

    /** A volume's path and image format; {@code mapped} is false when the volume id was kept as the path. */
    public record Resolved(String path, String format, Optional<Storage> storage, boolean mapped) {}

    private final Map<String, Storage> storages;

    private PveStorage(Map<String, Storage> storages) {
        this.storages = Map.copyOf(storages);
    }

    public static PveStorage none() {
        return new PveStorage(Map.of());
    }

    public boolean isEmpty() {
        return storages.isEmpty();
    }

    public Optional<Storage> storage(String id) {
        return Optional.ofNullable(storages.get(id));
    }

    /** {@code --storage ID=PREFIX} options, then (for ids they do not name) a storage.cfg's sections. */
    public static PveStorage of(List<String> options, Optional<PveStorage> storageCfg) throws IllegalArgumentException {
        Map<String, Storage> map = new LinkedHashMap<>();
        for (String option : options) {
            Matcher m = OPTION.matcher(option);
            if (!m.matches()) {
                throw new IllegalArgumentException("--storage '" + option + "': expected ID=PATH-PREFIX");
            }
            String prefix = m.group(2).endsWith("/") && m.group(2).length() > 1
                    ? m.group(2).substring(0, m.group(2).length() - 1) : m.group(2);
            map.put(m.group(1), new Storage(m.group(1), "prefix", prefix, false, false));
        }
        storageCfg.ifPresent(cfg -> cfg.storages.forEach(map::putIfAbsent));
        return new PveStorage(map);
    }

    /** Reads {@code /etc/pve/storage.cfg}: {@code TYPE: ID} lines, each followed by indented properties. */
    public static PveStorage parseStorageCfg(String text, String file) throws InputException {
        Map<String, Storage> map = new LinkedHashMap<>();
        String type = null;
        String id = null;
        Map<String, String> props = new LinkedHashMap<>();
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i <= lines.length; i++) {
            String line = i < lines.length ? lines[i] : "";
            boolean end = i == lines.length;
            if (!end && (line.isBlank() || line.stripLeading().startsWith("#"))) {
                continue;
            }
            Matcher section = SECTION.matcher(line);
            if (end || section.matches()) {
                if (id != null) {
                    storage(type, id, props).ifPresent(s -> map.put(s.id(), s));
                }
                if (!end) {
                    type = section.group(1);
                    id = section.group(2);
                    props = new LinkedHashMap<>();
                }
                continue;
            }
            Matcher property = PROPERTY.matcher(line);
            if (id == null || !property.matches()) {
                throw new InputException(new SourcePosition(file, i + 1, 1),
                        "not a storage.cfg line (expected 'TYPE: ID' or an indented 'KEY VALUE'): " + shorten(line));
            }
            props.put(property.group(1), property.group(2) == null ? "" : property.group(2));
        }
        return new PveStorage(map);
    }

    /** Where a storage type keeps its volumes; types whose volumes are not host paths get none. */
    private static Optional<Storage> storage(String type, String id, Map<String, String> p) {
        boolean krbd = "1".equals(p.get("krbd"));
        boolean nocow = "1".equals(p.get("nocow"));
        String prefix = switch (type) {
            case "dir", "nfs", "cifs", "btrfs", "cephfs", "glusterfs" -> p.get("path") != null ? p.get("path")
                    : type.equals("nfs") || type.equals("cifs") ? "/mnt/pve/" + id : null;
            case "lvm", "lvmthin" -> p.get("vgname") == null ? null : "/dev/" + p.get("vgname");
            case "zfspool" -> p.get("pool") == null ? null : "/dev/zvol/" + p.get("pool");
            default -> null;
        };
        return prefix == null && !type.equals("rbd") ? Optional.empty()
                : Optional.of(new Storage(id, type, prefix == null ? "" : prefix, krbd, nocow));
    }

    /** The path and format of a disk's volume ({@code none} for an empty CD-ROM drive has no path). */
    public Resolved resolve(PveDisk disk, int vmid) {
        String volume = disk.volume();
        Optional<String> format = disk.option("format");
        if (volume.equals("cdrom")) {
            return new Resolved("/dev/cdrom", "raw", Optional.empty(), true);
        }
        if (volume.startsWith("/")) {
            return new Resolved(volume, format.orElse(formatOf(volume)), Optional.empty(), true);
        }
        int colon = volume.indexOf(':');
        if (colon <= 0) {
            return new Resolved(volume, format.orElse(formatOf(volume)), Optional.empty(), false);
        }
        String id = volume.substring(0, colon);
        String name = volume.substring(colon + 1);
        Optional<Storage> storage = storage(id);
        if (storage.isEmpty() || storage.get().prefix().isEmpty()) {
            return new Resolved(volume, format.orElse(formatOf(name)), storage, false);
        }
        Storage s = storage.get();
        String path = switch (s.type()) {
            case "dir", "nfs", "cifs", "btrfs", "cephfs", "glusterfs" -> dirPath(s.prefix(), name, vmid);
            default -> s.prefix() + "/" + name;
        };
        return new Resolved(path, format.orElse(formatOf(name)), storage, true);
    }

    /** A directory storage keeps images under images/VMID/ and ISO images under template/iso/. */
    private static String dirPath(String base, String name, int vmid) {
        if (name.startsWith("iso/")) {
            return base + "/template/" + name;
        }
        if (name.matches("\\d+/.*")) {
            return base + "/images/" + name;
        }
        return base + "/images/" + vmid + "/" + name;
    }

    private static String formatOf(String name) {
        Matcher m = Pattern.compile(".*\\.(qcow2|vmdk|raw|qed|vdi|vhdx)").matcher(name);
        return m.matches() ? m.group(1) : "raw";
    }

    /** A line fit for a one-line error: control characters shown as '?', at most 60 characters. */
    static String shorten(String line) {
        String shown = line.replaceAll("\\p{Cntrl}", "?");
        return shown.length() > 60 ? shown.substring(0, 57) + "..." : shown;
    }
}
