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
        id = "pve-ssd-ignored",
        severity = Severity.INFO,
        title = "ssd=1 on a CD-ROM drive, which Proxmox VE writes without rotation_rate",
        rationale = "ssd=1 becomes rotation_rate=1 on scsi-hd and ide-hd only (the guest then sees a non-rotational"
                + " disk and may trim it); a CD-ROM (media=cdrom) is written as scsi-cd or ide-cd without it, so the"
                + " option does nothing there.",
        badExample = "ide2: local:iso/debian-12.iso,media=cdrom,ssd=1",
        goodExample = "ide2: local:iso/debian-12.iso,media=cdrom")
public final class PveSsdIgnored extends PveRule {
    @Override
    public void check(PveConfig config, PveStorage storage, Findings findings) {
        for (PveDisk disk : config.disks()) {
            if (disk.ssd() && disk.cdrom() && disk.bus().takes("ssd")) {
                report(findings, disk.key() + ": ssd=1 is ignored on a CD-ROM drive (no rotation_rate for "
                        + disk.bus().prefix() + "-cd)", Optional.of(disk.positionOf("ssd")));
            }
        }
    }
}
