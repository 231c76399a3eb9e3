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
        id = "pve-aio-io-uring-storage",
        severity = Severity.WARNING,
        title = "aio=io_uring forced on storage where Proxmox VE's default avoids it (LVM, CIFS, krbd without O_DIRECT)",
        rationale = "Proxmox VE defaults to aio=io_uring except on LVM (io_uring I/O was seen to hang there), CIFS"
                + " (problems since kernel 5.15) and krbd RBD without O_DIRECT, where it uses native (with O_DIRECT) or"
                + " threads. An explicit aio=io_uring overrides that choice on exactly the storage it protects. Only"
                + " known with --storage-cfg, which says each storage's type.",
        badExample = "# storage.cfg: lvm: vmdata\nscsi0: vmdata:vm-100-disk-0,aio=io_uring",
        goodExample = "# storage.cfg: lvm: vmdata\nscsi0: vmdata:vm-100-disk-0")
public final class PveAioIoUringStorage extends PveRule {
    @Override
    public void check(PveConfig config, PveStorage storage, Findings findings) {
        for (PveDisk disk : config.disks()) {
            if (!disk.aio().map("io_uring"::equals).orElse(false)) {
                continue;
            }
            Optional<PveStorage.Storage> store = PveAioNativeCache.storageOf(disk, storage);
            if (store.isEmpty()) {
                continue;
            }
            PveStorage.Storage s = store.get();
            boolean direct = disk.cacheDirect(store);
            boolean avoided = s.type().equals("lvm") || s.type().equals("cifs")
                    || s.type().equals("rbd") && s.krbd() && !direct;
            if (avoided) {
                String instead = direct ? "native" : "threads";
                report(findings, disk.key() + ": aio=io_uring on " + s.type() + " storage '" + s.id() + "', where"
                        + " Proxmox VE's default is " + instead + " because io_uring is known to hang or fail there:"
                        + " remove aio=io_uring", Optional.of(disk.positionOf("aio")));
            }
        }
    }
}
