package dev.domxml.rules.checks;

import dev.domxml.report.Severity;
import dev.domxml.rules.DiskBus;
import dev.domxml.rules.DomainRule;
import dev.domxml.rules.Findings;
import dev.domxml.rules.ResolvedDisk;
import dev.domxml.rules.ResolvedDomain;
import dev.domxml.rules.RuleInfo;
import java.util.Set;

@RuleInfo(
        id = "address-type-mismatch",
        severity = Severity.ERROR,
        title = "A disk's <address> type does not fit its bus",
        rationale = "virtio disks are PCI devices and take a PCI address; SCSI, SATA and IDE disks sit on a"
                + " controller and take a drive address. libvirt refuses the other combinations.",
        badExample = "<target dev='vda' bus='virtio'/><address type='drive' controller='0' bus='0' unit='0'/>",
        goodExample = "<target dev='vda' bus='virtio'/><address type='pci' bus='0x00' slot='0x07' function='0x0'/>")
public final class AddressTypeMismatch extends DomainRule {
    private static final Set<DiskBus> DRIVE_BUSES = Set.of(DiskBus.SCSI, DiskBus.IDE, DiskBus.SATA, DiskBus.FDC);

    @Override
    public void check(ResolvedDomain domain, Findings findings) {
        for (ResolvedDisk disk : domain.disks()) {
            if (disk.addressType().isEmpty()) {
                continue;
            }
            String type = disk.addressType().get();
            // CCW addresses exist only on s390 machines.
            boolean fits = disk.bus() == DiskBus.VIRTIO ? type.equals("pci") || type.equals("ccw") && domain.arch().equals("s390x")
                    : DRIVE_BUSES.contains(disk.bus()) ? type.equals("drive") : true;
            if (!fits) {
                report(findings, disk.describe() + " on bus '" + disk.bus().xmlName() + "' cannot have an address of type '"
                        + type + "': use " + (disk.bus() == DiskBus.VIRTIO ? "type='pci'" : "type='drive'"),
                        disk.position());
            }
        }
    }
}
