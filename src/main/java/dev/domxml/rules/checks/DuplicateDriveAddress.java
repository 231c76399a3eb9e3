package dev.domxml.rules.checks;

import dev.domxml.report.Severity;
import dev.domxml.rules.DomainRule;
import dev.domxml.rules.DriveAddress;
import dev.domxml.rules.Findings;
import dev.domxml.rules.ResolvedDisk;
import dev.domxml.rules.ResolvedDomain;
import dev.domxml.rules.RuleInfo;
import java.util.HashMap;
import java.util.Map;

@RuleInfo(
        id = "duplicate-drive-address",
        severity = Severity.ERROR,
        title = "Two disks on the same bus share a drive address",
        rationale = "Each controller/bus/target/unit slot holds one disk. Addresses libvirt derives from target"
                + " names count too: sdb without an address takes unit 1 of controller 0.",
        badExample = "<address type='drive' controller='0' bus='0' target='0' unit='0'/> on sda and on sdb",
        goodExample = "unit='0' on sda, unit='1' on sdb")
public final class DuplicateDriveAddress extends DomainRule {
    @Override
    public void check(ResolvedDomain domain, Findings findings) {
        Map<String, ResolvedDisk> seen = new HashMap<>();
        for (ResolvedDisk disk : domain.disks()) {
            if (disk.driveAddress().isEmpty()) {
                continue;
            }
            DriveAddress a = disk.driveAddress().get();
            ResolvedDisk first = seen.putIfAbsent(disk.bus() + "/" + a, disk);
            if (first != null) {
                report(findings, disk.describe() + " has the same " + disk.bus().xmlName() + " drive address as disk '"
                        + first.target() + "': controller='" + a.controller() + "' bus='" + a.bus() + "' target='"
                        + a.target() + "' unit='" + a.unit() + "'", disk.position());
            }
        }
    }
}
