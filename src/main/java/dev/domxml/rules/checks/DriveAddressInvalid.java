package dev.domxml.rules.checks;

import dev.domxml.report.Severity;
import dev.domxml.rules.DiskBus;
import dev.domxml.rules.DomainRule;
import dev.domxml.rules.DriveAddress;
import dev.domxml.rules.Findings;
import dev.domxml.rules.ResolvedDisk;
import dev.domxml.rules.ResolvedDomain;
import dev.domxml.rules.RuleInfo;

@RuleInfo(
        id = "drive-address-invalid",
        severity = Severity.ERROR,
        title = "A drive address its controller cannot have",
        rationale = "Every SCSI controller QEMU offers has one bus (bus='0'); lsilogic addresses disks by unit"
                + " only (target='0'); an AHCI port is a unit (bus='0').",
        badExample = "<address type='drive' controller='0' bus='1' target='0' unit='0'/>",
        goodExample = "<address type='drive' controller='0' bus='0' target='0' unit='1'/>")
public final class DriveAddressInvalid extends DomainRule {
    @Override
    public void check(ResolvedDomain domain, Findings findings) {
        for (ResolvedDisk disk : domain.disks()) {
            if (disk.driveAddress().isEmpty()) {
                continue;
            }
            DriveAddress a = disk.driveAddress().get();
            if (disk.bus() == DiskBus.SCSI) {
                if (a.bus() != 0) {
                    report(findings, disk.describe() + ": SCSI controllers have a single bus, so bus must be '0', not '"
                            + a.bus() + "'", disk.position());
                } else if (a.target() != 0 && domain.controller("scsi", a.controller())
                        .map(c -> c.model().equals("lsilogic")).orElse(false)) {
                    report(findings, disk.describe() + ": on an lsilogic controller target must be '0' (use unit),"
                            + " not '" + a.target() + "'", disk.position());
                }
            } else if (disk.bus() == DiskBus.SATA && a.bus() != 0) {
                report(findings, disk.describe() + ": SATA ports are addressed by unit, so bus must be '0', not '"
                        + a.bus() + "'", disk.position());
            }
        }
    }
}
