package dev.domxml.pve;

import dev.domxml.report.SourcePosition;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One disk line ({@code scsi0: local-lvm:vm-100-disk-0,iothread=1,ssd=1}): its bus and index, the
 * volume (a storage volume id, an absolute path, {@code none} or {@code cdrom}) and its options, each
 * with the column it was written at so that findings point at it.
 */
public record PveDisk(String key, PveBus bus, int index, String volume, Map<String, Option> options,
        SourcePosition position) {

    public PveDisk {
        options = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(options));
    }

    /** One {@code name=value} of the disk line. */
    public record Option(String name, String value, int column) {}

    public Optional<String> option(String name) {
        return Optional.ofNullable(options.get(name)).map(Option::value);
    }

    /** Where an option was written, else the disk line itself. */
    public SourcePosition positionOf(String name) {
        Option o = options.get(name);
        return o == null ? position : new SourcePosition(position.file(), position.line(), o.column());
    }

    /** Proxmox booleans: 1/on/yes/true. */
    public boolean flag(String name) {
        return option(name).map(v -> v.equals("1") || v.equalsIgnoreCase("on") || v.equalsIgnoreCase("yes")
                || v.equalsIgnoreCase("true")).orElse(false);
    }

    public boolean cdrom() {
        return option("media").map("cdrom"::equals).orElse(false) || volume.equals("cdrom");
    }

    public boolean iothread() {
        return flag("iothread");
    }

    public boolean ssd() {
        return flag("ssd");
    }

    public OptionalInt queues() {
        return option("queues").filter(v -> v.matches("\\d{1,4}")).map(v -> OptionalInt.of(Integer.parseInt(v)))
                .orElse(OptionalInt.empty());
    }

    public Optional<String> cache() {
        return option("cache");
    }

    public Optional<String> aio() {
        return option("aio");
    }

    /** Proxmox's cache_direct: an explicit none/directsync, else O_DIRECT for every disk but CD-ROMs. */
    public boolean cacheDirect(Optional<PveStorage.Storage> storage) {
        if (cache().isPresent()) {
            return cache().get().matches("off|none|directsync");
        }
        boolean btrfsCow = storage.map(s -> s.type().equals("btrfs") && !s.nocow()).orElse(false);
        return !cdrom() && !btrfsCow;
    }
}
