package dev.domxml.rules.advice;

import dev.domxml.binding.DiskSource;
import dev.domxml.report.Severity;
import dev.domxml.rules.DomainRule;
import dev.domxml.rules.Findings;
import dev.domxml.rules.ResolvedDisk;
import dev.domxml.rules.ResolvedDomain;
import dev.domxml.rules.RuleInfo;

@RuleInfo(
        id = "reservations-source-ignored",
        severity = Severity.WARNING,
        title = "A <source> in <reservations managed='yes'>, which libvirt ignores",
        rationale = "With managed='yes' libvirt starts qemu-pr-helper itself and points QEMU at that helper's socket"
                + " in the domain's directory; a socket written under it is not used. To use a helper of one's own,"
                + " the reservations must be managed='no'.",
        badExample = "<reservations managed='yes'><source type='unix' path='/run/pr.sock' mode='client'/></reservations>",
        goodExample = "<reservations managed='no'><source type='unix' path='/run/pr.sock' mode='client'/></reservations>")
public final class ReservationsSourceIgnored extends DomainRule {
    @Override
    public void check(ResolvedDomain domain, Findings findings) {
        for (ResolvedDisk disk : domain.disks()) {
            DiskSource source = disk.xml().source;
            if (source != null && source.reservations != null && "yes".equals(source.reservations.managed)
                    && source.reservations.source != null) {
                report(findings, disk.describe() + ": its reservations are managed='yes', so libvirt runs its own"
                        + " helper and ignores the <source> socket written here; use managed='no' to use that one",
                        disk.position());
            }
        }
    }
}
