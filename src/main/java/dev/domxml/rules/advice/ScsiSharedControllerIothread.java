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
        id = "scsi-shared-controller-iothread",
        severity = Severity.WARNING,
        title = "Several disks share one virtio-scsi controller, and so one I/O thread (or none)",
        rationale = "A SCSI disk runs its I/O in its controller's iothread: every disk on one virtio-scsi"
                + " controller shares that one thread, or runs in QEMU's main loop if the controller has none."
                + " A per-disk iothread setting cannot help (libvirt refuses it, Proxmox VE silently ignores it"
                + " unless scsihw is virtio-scsi-single). Give each disk a virtio-scsi controller of its own,"
                + " each with its own iothread (\"virtio-scsi single\").",
        badExample = """
                <controller type='scsi' index='0' model='virtio-scsi'/>
                <disk ...><target dev='sda' bus='scsi'/><address type='drive' controller='0' unit='0'/></disk>
                <disk ...><target dev='sdb' bus='scsi'/><address type='drive' controller='0' unit='1'/></disk>""",
        goodExample = """
                <iothreads>2</iothreads>
                <controller type='scsi' index='0' model='virtio-scsi'><driver iothread='1'/></controller>
                <controller type='scsi' index='1' model='virtio-scsi'><driver iothread='2'/></controller>
                <disk ...><target dev='sda' bus='scsi'/><address type='drive' controller='0' unit='0'/></disk>
                <disk ...><target dev='sdb' bus='scsi'/><address type='drive' controller='1' unit='0'/></disk>""",
        fixable = true)
public final class ScsiSharedControllerIothread extends ModelRule {
    @Override
    public void check(VirtualMachine vm, SourceMap sources, Findings findings) {
        for (StorageController controller : vm.devicesOf(StorageController.class)) {
            if (controller.kind() != StorageControllerKind.VIRTIO_SCSI) {
                continue;
            }
            List<String> disks = vm.devicesOf(DiskDevice.class).stream()
                    .filter(d -> d.frontend().address() instanceof ScsiAddress a
                            && a.bus().startsWith(controller.id() + "."))
                    .map(DiskDevice::targetDev).toList();
            if (disks.size() < 2) {
                continue;
            }
            String thread = controller.iothread().map(t -> "one I/O thread (" + t + ")")
                    .orElse("no I/O thread: their I/O runs in QEMU's main loop");
            report(findings, "disks " + String.join(", ", disks) + " share virtio-scsi controller " + controller.id()
                    + " and so " + thread + "; a per-disk iothread cannot help there: give each disk its own"
                    + " virtio-scsi controller with its own iothread (virtio-scsi single)",
                    sources.orFile(controller.id()));
        }
    }
}
