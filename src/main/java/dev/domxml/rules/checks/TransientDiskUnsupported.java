package dev.domxml.rules.checks;

import dev.domxml.report.Severity;
import dev.domxml.rules.DiskBus;
import dev.domxml.rules.DomainRule;
import dev.domxml.rules.Findings;
import dev.domxml.rules.ResolvedDisk;
import dev.domxml.rules.ResolvedDomain;
import dev.domxml.rules.RuleInfo;

@RuleInfo(
        id = "transient-disk-unsupported",
        severity = Severity.ERROR,
        title = "<transient/> on a disk libvirt cannot give a throw-away overlay",
        rationale = "libvirt makes a transient disk by putting a qcow2 overlay on its image at start: only a"
                + " writable file-backed hard disk can have one, and sharing the backing image (shareBacking='yes')"
                + " needs a bus that takes hot-plugged disks (virtio or SCSI).",
        badExample = "<disk type='block' device='disk'> ... <transient/>",
        goodExample = "<disk type='file' device='disk'> ... <transient/>")
public final class TransientDiskUnsupported extends DomainRule {
    @Override
    public void check(ResolvedDomain domain, Findings findings) {
        for (ResolvedDisk disk : domain.disks()) {
            if (!disk.isTransient() || disk.isEmpty()) {
                continue;
            }
            if (disk.readonly()) {
                report(findings, disk.describe() + " is transient and read-only: a transient disk must be writable",
                        disk.position());
            } else if (!disk.type().equals("file")) {
                report(findings, disk.describe() + " is transient but of type '" + disk.type()
                        + "': transient disks must be type='file'", disk.position());
            } else if (!disk.device().equals("disk")) {
                report(findings, disk.describe() + " is transient but device='" + disk.device()
                        + "': transient disks must be device='disk'", disk.position());
            } else if (disk.attachedAfterStart() && disk.bus() != DiskBus.VIRTIO && disk.bus() != DiskBus.SCSI) {
                report(findings, disk.describe() + ": bus '" + disk.bus().xmlName() + "' cannot share a transient"
                        + " disk's backing image (shareBacking='yes' needs virtio or scsi)", disk.position());
            }
        }
    }
}
