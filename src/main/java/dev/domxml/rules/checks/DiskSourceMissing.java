package dev.domxml.rules.checks;

import dev.domxml.report.Severity;
import dev.domxml.rules.DomainRule;
import dev.domxml.rules.Findings;
import dev.domxml.rules.ResolvedDisk;
import dev.domxml.rules.ResolvedDomain;
import dev.domxml.rules.RuleInfo;

@RuleInfo(
        id = "disk-source-missing",
        severity = Severity.ERROR,
        title = "A hard disk or lun with no <source>",
        rationale = "Only removable media can be empty: a CD-ROM or floppy drive may have no medium, but a hard"
                + " disk (device='disk') or a SCSI passthrough lun needs a source, and libvirt refuses the domain"
                + " without one.",
        badExample = "<disk type='file' device='disk'> <target dev='vda' bus='virtio'/> </disk>",
        goodExample = "<disk type='file' device='cdrom'> <target dev='sda' bus='sata'/> <readonly/> </disk>")
public final class DiskSourceMissing extends DomainRule {
    @Override
    public void check(ResolvedDomain domain, Findings findings) {
        for (ResolvedDisk disk : domain.disks()) {
            if (disk.isEmpty() && (disk.device().equals("disk") || disk.device().equals("lun"))) {
                report(findings, disk.describe() + " has no <source " + (disk.type().equals("block") ? "dev" : "file")
                        + "=...>: only a CD-ROM or floppy drive can be empty", disk.position());
            }
        }
    }
}
