package dev.domxml.rules.pve;

import dev.domxml.pve.PveBus;
import dev.domxml.pve.PveConfig;
import dev.domxml.pve.PveDisk;
import dev.domxml.pve.PveStorage;
import dev.domxml.report.Severity;
import dev.domxml.rules.Findings;
import dev.domxml.rules.PveRule;
import dev.domxml.rules.RuleInfo;
import java.util.List;
import java.util.Optional;

@RuleInfo(
        id = "pve-iothread-ignored",
        severity = Severity.WARNING,
        title = "iothread=1 on a SCSI disk is ignored unless scsihw is virtio-scsi-single",
        rationale = "For SCSI disks the I/O thread belongs to the controller. qemu-server gives a SCSI disk an I/O"
                + " thread only when each disk has a controller of its own (scsihw: virtio-scsi-single); with any other"
                + " scsihw (virtio-scsi-pci, lsi, unset = lsi, megasas, pvscsi) it writes no -object iothread, only logs"
                + " 'iothread is only valid with virtio disk or virtio-scsi-single controller, ignoring' in the start"
                + " task, and the VM runs the disks' I/O in QEMU's main loop. Setting scsihw: virtio-scsi-single gives"
                + " each SCSI disk its own virtio-scsi controller with its own I/O thread.",
        badExample = "scsihw: virtio-scsi-pci\nscsi0: local-lvm:vm-100-disk-0,iothread=1",
        goodExample = "scsihw: virtio-scsi-single\nscsi0: local-lvm:vm-100-disk-0,iothread=1",
        fixable = true)
public final class PveIothreadIgnored extends PveRule {
    @Override
    public void check(PveConfig config, PveStorage storage, Findings findings) {
        if (config.virtioScsiSingle()) {
            return;
        }
        List<PveDisk> ignored = config.disks().stream().filter(d -> d.bus() == PveBus.SCSI && d.iothread()).toList();
        if (ignored.isEmpty()) {
            return;
        }
        String names = String.join(", ", ignored.stream().map(PveDisk::key).toList());
        String scsihw = config.value("scsihw").map(v -> "scsihw is " + v).orElse("scsihw is unset (lsi)");
        // the line to change is scsihw when it is written, else the first disk asking for an iothread
        var where = config.line("scsihw").map(PveConfig.Line::valuePosition)
                .orElse(ignored.get(0).positionOf("iothread"));
        report(findings, "iothread=1 on " + names + (ignored.size() == 1 ? " is" : " are") + " ignored: " + scsihw
                + ", and Proxmox VE gives SCSI disks an I/O thread only with virtio-scsi-single (it just logs"
                + " 'iothread is only valid with virtio disk or virtio-scsi-single controller, ignoring'); their I/O"
                + " runs in QEMU's main loop: set 'scsihw: virtio-scsi-single'", Optional.of(where));
    }
}
