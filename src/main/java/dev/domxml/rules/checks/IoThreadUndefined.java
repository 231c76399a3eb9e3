package dev.domxml.rules.checks;

import dev.domxml.report.Severity;
import dev.domxml.rules.DomainRule;
import dev.domxml.rules.Findings;
import dev.domxml.rules.ResolvedController;
import dev.domxml.rules.ResolvedDisk;
import dev.domxml.rules.ResolvedDomain;
import dev.domxml.rules.RuleInfo;

@RuleInfo(
        id = "iothread-undefined",
        severity = Severity.ERROR,
        title = "A disk or controller names an iothread the domain does not define",
        rationale = "An iothread='N' must be one of the domain's I/O threads (<iothreads> count or <iothreadids>);"
                + " libvirt refuses the domain otherwise.",
        badExample = "<iothreads>1</iothreads> ... <driver name='qemu' type='raw' iothread='2'/>",
        goodExample = "<iothreads>2</iothreads> ... <driver name='qemu' type='raw' iothread='2'/>")
public final class IoThreadUndefined extends DomainRule {
    @Override
    public void check(ResolvedDomain domain, Findings findings) {
        for (ResolvedDisk disk : domain.disks()) {
            disk.iothread().ifPresent(id -> {
                if (!domain.hasIoThread(id)) {
                    report(findings, disk.describe() + " uses iothread '" + id + "', which the domain does not define"
                            + definedIds(domain), disk.position());
                }
            });
        }
        for (ResolvedController controller : domain.controllers()) {
            controller.iothread().ifPresent(id -> {
                if (!domain.hasIoThread(id)) {
                    report(findings, controller.describe() + " uses iothread '" + id
                            + "', which the domain does not define" + definedIds(domain), controller.position());
                }
            });
        }
    }

    private static String definedIds(ResolvedDomain domain) {
        if (domain.iothreads().isEmpty()) {
            return " (it has no <iothreads>)";
        }
        return " (defined: " + String.join(", ",
                domain.iothreads().stream().map(t -> String.valueOf(t.id())).toList()) + ")";
    }
}
