package dev.domxml.rules.advice;

import dev.domxml.model.DiskDevice;
import dev.domxml.model.StorageController;
import dev.domxml.model.StorageControllerKind;
import dev.domxml.model.VirtualMachine;
import dev.domxml.report.Severity;
import dev.domxml.report.SourceMap;
import dev.domxml.rules.Findings;
import dev.domxml.rules.ModelRule;
import dev.domxml.rules.RuleInfo;

@RuleInfo(
        id = "iothread-missing",
        severity = Severity.WARNING,
        title = "A virtio-blk disk or virtio-scsi controller has no iothread although the domain has I/O threads",
        rationale = "Without iothread='N' the device's I/O runs in QEMU's main loop or a vCPU thread, competing"
                + " with everything else, while the domain's I/O threads sit idle.",
        badExample = "<iothreads>1</iothreads> ... <controller type='scsi' model='virtio-scsi'/>",
        goodExample = "<iothreads>1</iothreads> ... <controller type='scsi' model='virtio-scsi'><driver iothread='1'/></controller>",
        fixable = true)
public final class IoThreadMissing extends ModelRule {
    @Override
    public void check(VirtualMachine vm, SourceMap sources, Findings findings) {
        if (vm.iothreads().isEmpty()) {
            return;
        }
        for (StorageController c : vm.devicesOf(StorageController.class)) {
            if (c.kind() == StorageControllerKind.VIRTIO_SCSI && c.iothread().isEmpty()) {
                report(findings, "virtio-scsi controller " + c.id() + " has no iothread: its disks' I/O runs in"
                        + " QEMU's main loop although the domain has I/O threads", sources.orFile(c.id()));
            }
        }
        for (DiskDevice d : vm.devicesOf(DiskDevice.class)) {
            if (d.frontend().driver().startsWith("virtio-blk") && d.frontend().iothread().isEmpty()) {
                report(findings, "virtio disk " + d.targetDev() + " has no iothread: its I/O runs in QEMU's main loop"
                        + " although the domain has I/O threads", sources.orFile(d.id()));
            }
        }
    }
}
