package dev.domxml.fix;

import java.util.OptionalInt;

/**
 * How {@code fix} hands out I/O threads: one per disk (the default), or a pool of {@code pool} threads
 * shared round-robin; and whether emulated SCSI controllers may become virtio-scsi.
 */
public record FixOptions(OptionalInt pool, boolean convertEmulated) {
    public static FixOptions perDisk() {
        return new FixOptions(OptionalInt.empty(), false);
    }
}
