package dev.domxml.rules.checks;

import dev.domxml.report.Severity;
import dev.domxml.rules.DomainRule;
import dev.domxml.rules.Findings;
import dev.domxml.rules.ResolvedDisk;
import dev.domxml.rules.ResolvedDomain;
import dev.domxml.rules.RuleInfo;
import java.util.HashMap;
import java.util.Map;

@RuleInfo(
        id = "duplicate-target",
        severity = Severity.ERROR,
        title = "Two disks have the same target dev",
        rationale = "The target name identifies a disk inside the domain; libvirt refuses duplicates.",
        badExample = "<target dev='vda' bus='virtio'/> ... <target dev='vda' bus='virtio'/>",
        goodExample = "<target dev='vda' bus='virtio'/> ... <target dev='vdb' bus='virtio'/>")
public final class DuplicateTarget extends DomainRule {
    @Override
    public void check(ResolvedDomain domain, Findings findings) {
        Map<String, ResolvedDisk> seen = new HashMap<>();
        for (ResolvedDisk disk : domain.disks()) {
            ResolvedDisk first = seen.putIfAbsent(disk.target(), disk);
            if (first != null) {
                report(findings, "target '" + disk.target() + "' is used by two disks ("
                        + first.sourcePath().orElse("no source") + " and " + disk.sourcePath().orElse("no source") + ")",
                        disk.position());
            }
        }
    }
}
