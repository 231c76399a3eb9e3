package dev.domxml.rules.checks;

import dev.domxml.model.VirtioOptions;
import dev.domxml.report.Severity;
import dev.domxml.rules.DiskBus;
import dev.domxml.rules.DomainRule;
import dev.domxml.rules.Findings;
import dev.domxml.rules.ResolvedDisk;
import dev.domxml.rules.ResolvedDomain;
import dev.domxml.rules.RuleInfo;
import java.util.Set;

@RuleInfo(
        id = "disk-option-unsupported",
        severity = Severity.ERROR,
        title = "A disk option its bus or device cannot carry",
        rationale = "libvirt refuses: rotation_rate outside SCSI/IDE/SATA, wwn outside IDE/SCSI, vendor/product"
                + " outside SCSI, queues, ioeventfd, event_idx and the virtio transport options (iommu, ats, packed,"
                + " page_per_vq) outside virtio, a CHS translation outside IDE, a metadata cache size outside qcow2,"
                + " a serial on a SCSI lun, read-only IDE/SATA hard disks, CD-ROMs on virtio, floppy drives off the fdc"
                + " bus (and anything else on it), and device='lun'"
                + " outside SCSI and virtio.",
        badExample = "<target dev='vda' bus='virtio' rotation_rate='1'/>",
        goodExample = "<target dev='sda' bus='scsi' rotation_rate='1'/>")
public final class DiskOptionUnsupported extends DomainRule {
    private static final Set<DiskBus> ROTATION_BUSES = Set.of(DiskBus.SCSI, DiskBus.IDE, DiskBus.SATA);

    @Override
    public void check(ResolvedDomain domain, Findings findings) {
        for (ResolvedDisk disk : domain.disks()) {
            String bus = disk.bus().xmlName();
            if (!Set.of(DiskBus.VIRTIO, DiskBus.SCSI, DiskBus.IDE, DiskBus.SATA, DiskBus.FDC, DiskBus.USB)
                    .contains(disk.bus())) {
                report(findings, disk.describe() + ": bus '" + bus + "' is not supported for x86 QEMU guests by domxml",
                        disk.position());
                continue;
            }
            if (disk.device().equals("floppy") != (disk.bus() == DiskBus.FDC)) {
                report(findings, disk.describe() + (disk.bus() == DiskBus.FDC
                        ? ": bus 'fdc' only takes floppy drives (device='floppy')"
                        : ": a floppy drive needs bus 'fdc', not '" + bus + "'"), disk.position());
                continue;
            }
            if (disk.rotationRate().isPresent() && !ROTATION_BUSES.contains(disk.bus())) {
                report(findings, disk.describe() + ": rotation_rate only works on SCSI, IDE and SATA disks, not '"
                        + bus + "'", disk.position());
            }
            if (disk.wwn().isPresent() && disk.bus() != DiskBus.IDE && disk.bus() != DiskBus.SCSI) {
                report(findings, disk.describe() + ": <wwn> only works on IDE and SCSI disks, not '" + bus + "'",
                        disk.position());
            }
            if (disk.wwn().isPresent() && !disk.wwn().get().matches("(0x)?[0-9a-fA-F]{16}")) {
                report(findings, disk.describe() + ": <wwn> must be 16 hex digits, not '" + disk.wwn().get() + "'",
                        disk.position());
            }
            if ((disk.vendor().isPresent() || disk.product().isPresent()) && disk.bus() != DiskBus.SCSI) {
                report(findings, disk.describe() + ": <vendor> and <product> only work on SCSI disks, not '" + bus + "'",
                        disk.position());
            }
            if (disk.queues().isPresent() && disk.bus() != DiskBus.VIRTIO) {
                report(findings, disk.describe() + ": queues only works on virtio disks, not '" + bus + "'",
                        disk.position());
            }
            if (disk.ioeventfd().isPresent() && disk.bus() != DiskBus.VIRTIO) {
                report(findings, disk.describe() + ": ioeventfd only works on virtio disks, not '" + bus + "'",
                        disk.position());
            }
            if (disk.bus() == DiskBus.FDC && disk.driveAddress().map(a -> a.controller() > 0).orElse(false)) {
                report(findings, disk.describe() + ": there is one floppy controller, with drives fda and fdb only",
                        disk.position());
            }
            if (disk.eventIdx().isPresent() && disk.bus() != DiskBus.VIRTIO) {
                report(findings, disk.describe() + ": event_idx only works on virtio disks, not '" + bus + "'",
                        disk.position());
            }
            if (!disk.virtio().equals(VirtioOptions.NONE) && disk.bus() != DiskBus.VIRTIO) {
                report(findings, disk.describe() + ": iommu, ats, packed and page_per_vq only work on virtio disks,"
                        + " not '" + bus + "'", disk.position());
            }
            if (disk.tuning().geometry().translation().isPresent() && disk.bus() != DiskBus.IDE) {
                report(findings, disk.describe() + ": a geometry trans (CHS translation) only works on IDE disks,"
                        + " not '" + bus + "'", disk.position());
            }
            if (disk.metadataCacheBytes().isPresent() && !disk.format().equals("qcow2")) {
                report(findings, disk.describe() + ": a metadata_cache max_size only works on qcow2 images, not '"
                        + disk.format() + "'", disk.position());
            }
            if (disk.device().equals("lun")) {
                if (disk.bus() != DiskBus.SCSI && disk.bus() != DiskBus.VIRTIO) {
                    report(findings, disk.describe() + ": device='lun' only works on bus 'scsi', not '" + bus + "'",
                            disk.position());
                } else if (disk.serial().isPresent()) {
                    report(findings, disk.describe() + ": a SCSI passthrough lun cannot have a <serial>", disk.position());
                }
            }
            if (disk.device().equals("disk") && disk.xml().readonly != null
                    && (disk.bus() == DiskBus.IDE || disk.bus() == DiskBus.SATA)) {
                report(findings, disk.describe() + ": read-only " + bus + " hard disks are not supported;"
                        + " use a CD-ROM or another bus", disk.position());
            }
            if (disk.isCdrom() && disk.bus() == DiskBus.VIRTIO) {
                report(findings, disk.describe() + ": virtio disks cannot be CD-ROMs (no removable media);"
                        + " use bus='sata' or bus='scsi'", disk.position());
            }
        }
    }
}
