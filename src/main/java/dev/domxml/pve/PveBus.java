package dev.domxml.pve;

import java.util.Set;

/**
 * The disk buses of a Proxmox VE config, with how many disks each takes and which options Proxmox's
 * schema has for it (qemu-server's Drive.pm): an option outside that set makes Proxmox fail to parse
 * the whole disk line, and the VM starts without that disk.
 */
public enum PveBus {
    IDE("ide", 4, Set.of("model", "ssd", "wwn")),
    SCSI("scsi", 31, Set.of("iothread", "product", "queues", "ro", "scsiblock", "ssd", "vendor", "wwn")),
    VIRTIO("virtio", 16, Set.of("iothread", "ro")),
    SATA("sata", 6, Set.of("ssd", "wwn"));

    /** Options every bus takes. */
    static final Set<String> COMMON = Set.of("file", "volume", "media", "snapshot", "cache", "format", "size", "backup",
            "replicate", "rerror", "werror", "aio", "discard", "detect_zeroes", "serial", "shared", "import-from",
            "mbps", "mbps_rd", "mbps_wr", "mbps_max", "mbps_rd_max", "mbps_wr_max", "iops", "iops_rd", "iops_wr",
            "iops_max", "iops_rd_max", "iops_wr_max", "iops_max_length", "iops_rd_max_length", "iops_wr_max_length",
            "bps", "bps_rd", "bps_wr", "bps_max_length", "bps_rd_max_length", "bps_wr_max_length", "bps_rd_length",
            "bps_wr_length", "iops_rd_length", "iops_wr_length");

    private final String prefix;
    private final int max;
    private final Set<String> own;

    PveBus(String prefix, int max, Set<String> own) {
        this.prefix = prefix;
        this.max = max;
        this.own = own;
    }

    public String prefix() {
        return prefix;
    }

    public int max() {
        return max;
    }

    public boolean takes(String option) {
        return COMMON.contains(option) || own.contains(option);
    }

    /** Whether some other bus takes it (so it is a real option, just not one of this bus). */
    public static boolean anyTakes(String option) {
        for (PveBus bus : values()) {
            if (bus.takes(option)) {
                return true;
            }
        }
        return false;
    }
}
