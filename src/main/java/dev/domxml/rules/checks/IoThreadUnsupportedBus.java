package dev.domxml.rules.checks;

import dev.domxml.report.Severity;
import dev.domxml.rules.DiskBus;
import dev.domxml.rules.DomainRule;
import dev.domxml.rules.Findings;
import dev.domxml.rules.ResolvedDisk;
import dev.domxml.rules.ResolvedDomain;
import dev.domxml.rules.RuleInfo;

@RuleInfo(
        id = "iothread-unsupported-bus",
        severity = Severity.ERROR,
        title = "iothread set on a disk that is not virtio-blk",
        rationale = "Only virtio-blk disks run in an I/O thread of their own. A SCSI disk runs in its controller's"
                + " thread: put iothread on the virtio-scsi <controller>'s <driver> instead. libvirt refuses it.",
        badExample = "<disk ...><driver name='qemu' type='raw' iothread='1'/><target dev='sda' bus='scsi'/></disk>",
        goodExample = "<controller type='scsi' model='virtio-scsi'><driver iothread='1'/></controller>",
        fixable = true)
public final class IoThreadUnsupportedBus extends DomainRule {
    @Override
    public void check(ResolvedDomain domain, Findings findings) {
        for (ResolvedDisk disk : domain.disks()) {
            if (disk.iothread().isPresent() && disk.bus() != DiskBus.VIRTIO) {
                String hint = disk.bus() == DiskBus.SCSI
                        ? "; set it on the disk's virtio-scsi controller instead" : "";
                report(findings, disk.describe() + " on bus '" + disk.bus().xmlName()
                        + "' cannot have an iothread: only virtio disks can" + hint, disk.position());
            }
        }
    }
}
