package dev.domxml.rules.pve;

import dev.domxml.pve.PveConfig;
import dev.domxml.pve.PveDisk;
import dev.domxml.pve.PveStorage;
import dev.domxml.report.Severity;
import dev.domxml.rules.Findings;
import dev.domxml.rules.PveRule;
import dev.domxml.rules.RuleInfo;
import java.util.Optional;

@RuleInfo(
        id = "pve-aio-native-cache",
        severity = Severity.ERROR,
        title = "aio=native without O_DIRECT (cache writeback, writethrough, unsafe, or a CD-ROM): QEMU will not start",
        rationale = "Linux native AIO needs O_DIRECT. Proxmox VE passes an explicit aio=native as written, and QEMU"
                + " refuses the drive ('aio=native was specified, but it requires cache.direct=on') unless the cache"
                + " mode is none or directsync (the default for disks, not for CD-ROMs). Left unset, Proxmox itself"
                + " picks native only where O_DIRECT is on, and io_uring or threads elsewhere.",
        badExample = "scsi0: local-lvm:vm-100-disk-0,aio=native,cache=writeback",
        goodExample = "scsi0: local-lvm:vm-100-disk-0,cache=writeback")
public final class PveAioNativeCache extends PveRule {
    @Override
    public void check(PveConfig config, PveStorage storage, Findings findings) {
        for (PveDisk disk : config.disks()) {
            if (!disk.aio().map("native"::equals).orElse(false)) {
                continue;
            }
            Optional<PveStorage.Storage> store = storageOf(disk, storage);
            if (!disk.cacheDirect(store)) {
                String cache = disk.cache().map(c -> "cache=" + c).orElse(disk.cdrom() ? "a CD-ROM (no O_DIRECT)"
                        : "storage without O_DIRECT");
                report(findings, disk.key() + ": aio=native with " + cache + ": QEMU refuses to start the VM (native"
                        + " AIO needs cache=none or directsync); remove aio=native or use cache=none",
                        Optional.of(disk.positionOf("aio")));
            }
        }
    }

    static Optional<PveStorage.Storage> storageOf(PveDisk disk, PveStorage storage) {
        int colon = disk.volume().indexOf(':');
        return colon > 0 && !disk.volume().startsWith("/") ? storage.storage(disk.volume().substring(0, colon))
                : Optional.empty();
    }
}
