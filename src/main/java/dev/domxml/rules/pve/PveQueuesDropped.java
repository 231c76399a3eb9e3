package dev.domxml.rules.pve;

import dev.domxml.pve.PveBus;
import dev.domxml.pve.PveConfig;
import dev.domxml.pve.PveDisk;
import dev.domxml.pve.PveStorage;
import dev.domxml.report.Severity;
import dev.domxml.rules.Findings;
import dev.domxml.rules.PveRule;
import dev.domxml.rules.RuleInfo;
import java.util.Optional;

@RuleInfo(
        id = "pve-queues-dropped",
        severity = Severity.WARNING,
        title = "queues= on a SCSI disk is dropped unless scsihw is virtio-scsi-single",
        rationale = "qemu-server turns a SCSI disk's queues=N into num_queues=N on its controller only when the disk"
                + " has a controller of its own (scsihw: virtio-scsi-single). With any other scsihw the option is"
                + " dropped without a word, in the task log or anywhere else, and the controller keeps QEMU's default"
                + " queue count.",
        badExample = "scsihw: virtio-scsi-pci\nscsi0: local-lvm:vm-100-disk-0,queues=4",
        goodExample = "scsihw: virtio-scsi-single\nscsi0: local-lvm:vm-100-disk-0,queues=4",
        fixable = true)
public final class PveQueuesDropped extends PveRule {
    @Override
    public void check(PveConfig config, PveStorage storage, Findings findings) {
        if (config.virtioScsiSingle()) {
            return;
        }
        for (PveDisk disk : config.disks()) {
            if (disk.bus() == PveBus.SCSI && disk.queues().isPresent()) {
                report(findings, disk.key() + ": queues=" + disk.queues().getAsInt() + " is dropped without a warning:"
                        + " Proxmox VE sets num_queues only on a virtio-scsi-single controller (scsihw is "
                        + config.scsihw() + "): set 'scsihw: virtio-scsi-single'", Optional.of(disk.positionOf("queues")));
            }
        }
    }
}
