package dev.domxml.rules.advice;

import dev.domxml.model.DiskDevice;
import dev.domxml.model.ScsiAddress;
import dev.domxml.model.StorageController;
import dev.domxml.model.StorageControllerKind;
import dev.domxml.model.VirtualMachine;
import dev.domxml.report.Severity;
import dev.domxml.report.SourceMap;
import dev.domxml.rules.Findings;
import dev.domxml.rules.ModelRule;
import dev.domxml.rules.RuleInfo;
import java.util.List;

@RuleInfo(
        id = "scsi-emulated-controller",
        severity = Severity.WARNING,
        title = "SCSI disks on an emulated controller (lsilogic, megasas, …), or on none so libvirt adds lsilogic",
        rationale = "Emulated HBAs trap on every register access and cannot use an I/O thread; virtio-scsi is"
                + " paravirtual, multi-queue and iothread-capable. A SCSI disk whose controller is not defined gets"
                + " an lsilogic from libvirt, which few people mean. The guest needs the virtio-scsi driver.",
        badExample = "<disk ...><target dev='sda' bus='scsi'/></disk>   (no <controller type='scsi'>)",
        goodExample = "<controller type='scsi' index='0' model='virtio-scsi'/> <disk ...><target dev='sda' bus='scsi'/></disk>",
        fixable = true)
public final class ScsiEmulatedController extends ModelRule {
    @Override
    public void check(VirtualMachine vm, SourceMap sources, Findings findings) {
        for (StorageController c : vm.devicesOf(StorageController.class)) {
            if (c.kind().isVirtio() || c.kind() == StorageControllerKind.AHCI) {
                continue;
            }
            List<DiskDevice> disks = vm.devicesOf(DiskDevice.class).stream()
                    .filter(d -> d.frontend().address() instanceof ScsiAddress a && a.bus().startsWith(c.id() + "."))
                    .toList();
            if (disks.isEmpty()) {
                continue;
            }
            String names = String.join(", ", disks.stream().map(DiskDevice::targetDev).toList());
            String subject = disks.size() > 1 ? "SCSI disks " + names + " have" : "SCSI disk " + names + " has";
            if (sources.of(c.id()).isEmpty()) {
                report(findings, subject + " no controller " + c.id() + " defined, so libvirt adds an emulated"
                        + " lsilogic; define a virtio-scsi controller instead", sources.orFile(disks.get(0).id()));
            } else {
                report(findings, subject + " emulated controller " + c.id() + " (" + c.kind().qemuDriver()
                        + "); virtio-scsi is faster and can use an iothread", sources.orFile(c.id()));
            }
        }
    }
}
