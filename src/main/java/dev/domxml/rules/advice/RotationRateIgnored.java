package dev.domxml.rules.advice;

import dev.domxml.report.Severity;
import dev.domxml.rules.DomainRule;
import dev.domxml.rules.Findings;
import dev.domxml.rules.ResolvedDisk;
import dev.domxml.rules.ResolvedDomain;
import dev.domxml.rules.RuleInfo;

@RuleInfo(
        id = "rotation-rate-ignored",
        severity = Severity.INFO,
        title = "rotation_rate on a device that ignores it (CD-ROM, SCSI passthrough lun)",
        rationale = "rotation_rate tells the guest a hard disk is an SSD (1) or spins at N rpm. A CD-ROM has no such"
                + " page, and a passthrough lun reports whatever the host device reports.",
        badExample = "<disk type='file' device='cdrom'>...<target dev='sdb' bus='scsi' rotation_rate='1'/>",
        goodExample = "<disk type='file' device='disk'>...<target dev='sdb' bus='scsi' rotation_rate='1'/>")
public final class RotationRateIgnored extends DomainRule {
    @Override
    public void check(ResolvedDomain domain, Findings findings) {
        for (ResolvedDisk disk : domain.disks()) {
            if (disk.rotationRate().isPresent() && (disk.isCdrom() || disk.device().equals("lun"))) {
                report(findings, disk.describe() + " is a " + disk.device() + ", which ignores rotation_rate",
                        disk.position());
            }
        }
    }
}
