package dev.domxml.rules.checks;

import dev.domxml.report.Severity;
import dev.domxml.rules.DomainRule;
import dev.domxml.rules.Findings;
import dev.domxml.rules.ResolvedDisk;
import dev.domxml.rules.ResolvedDomain;
import dev.domxml.rules.RuleInfo;

@RuleInfo(
        id = "shareable-format",
        severity = Severity.ERROR,
        title = "<shareable/> on a writable disk whose image format cannot be shared (qcow2 …)",
        rationale = "Several guests writing one qcow2 image corrupt its metadata; libvirt shares a writable disk"
                + " only when it is raw (a <readonly/> one may be any format).",
        badExample = "<driver name='qemu' type='qcow2'/> ... <shareable/>",
        goodExample = "<driver name='qemu' type='raw' cache='none'/> ... <shareable/>")
public final class ShareableFormat extends DomainRule {
    @Override
    public void check(ResolvedDomain domain, Findings findings) {
        for (ResolvedDisk disk : domain.disks()) {
            if (disk.shareable() && !disk.readonly() && !disk.format().equals("raw") && !disk.isEmpty()) {
                report(findings, disk.describe() + " is <shareable/> but its format is '" + disk.format()
                        + "': only raw disks can be shared", disk.position());
            }
        }
    }
}
