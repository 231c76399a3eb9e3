package dev.domxml.rules.checks;

import dev.domxml.report.Severity;
import dev.domxml.rules.DiskBus;
import dev.domxml.rules.DomainRule;
import dev.domxml.rules.Findings;
import dev.domxml.rules.ResolvedController;
import dev.domxml.rules.ResolvedDisk;
import dev.domxml.rules.ResolvedDomain;
import dev.domxml.rules.RuleInfo;

@RuleInfo(
        id = "ide-unsupported",
        severity = Severity.ERROR,
        title = "IDE on a q35 machine, or a second IDE controller on pc",
        rationale = "Q35 has no IDE controller (its built-in AHCI serves bus='sata'); i440FX has exactly one,"
                + " built into the PIIX3. libvirt refuses anything else.",
        badExample = "<os><type machine='q35'>hvm</type></os> ... <target dev='hdc' bus='ide'/>",
        goodExample = "<os><type machine='q35'>hvm</type></os> ... <target dev='sdc' bus='sata'/>")
public final class IdeUnsupported extends DomainRule {
    @Override
    public void check(ResolvedDomain domain, Findings findings) {
        if (domain.isQ35()) {
            for (ResolvedController c : domain.controllers()) {
                if (c.is("ide") && !c.isImplicit()) {
                    report(findings, "q35 machines have no IDE controller; use a SATA controller", c.position());
                }
            }
            for (ResolvedDisk disk : domain.disks()) {
                if (disk.bus() == DiskBus.IDE) {
                    report(findings, disk.describe() + " is on bus 'ide', which q35 machines do not have; use bus='sata'",
                            disk.position());
                }
            }
            return;
        }
        for (ResolvedController c : domain.controllers()) {
            if (c.is("ide") && c.index() > 0) {
                report(findings, c.describe() + ": pc machines have only one IDE controller (index 0)",
                        c.position().or(() -> domain.disks().stream()
                                .filter(d -> d.bus() == DiskBus.IDE && d.driveAddress().map(a -> a.controller() > 0).orElse(false))
                                .findFirst().flatMap(ResolvedDisk::position)));
            }
        }
    }
}
