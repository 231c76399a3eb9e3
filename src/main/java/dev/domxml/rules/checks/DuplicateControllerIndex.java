package dev.domxml.rules.checks;

import dev.domxml.report.Severity;
import dev.domxml.rules.DomainRule;
import dev.domxml.rules.Findings;
import dev.domxml.rules.ResolvedController;
import dev.domxml.rules.ResolvedDomain;
import dev.domxml.rules.RuleInfo;
import java.util.HashSet;
import java.util.Set;

@RuleInfo(
        id = "duplicate-controller-index",
        severity = Severity.ERROR,
        title = "Two controllers of one type share an index",
        rationale = "Disks name their controller by type and index; libvirt refuses two with the same pair.",
        badExample = "<controller type='scsi' index='0'/><controller type='scsi' index='0' model='virtio-scsi'/>",
        goodExample = "<controller type='scsi' index='0'/><controller type='scsi' index='1' model='virtio-scsi'/>")
public final class DuplicateControllerIndex extends DomainRule {
    @Override
    public void check(ResolvedDomain domain, Findings findings) {
        Set<String> seen = new HashSet<>();
        for (ResolvedController c : domain.controllers()) {
            // an ICH9 EHCI controller and its UHCI companions share one index: one USB bus
            String key = c.type() + "/" + c.index() + (c.isUsb2Family() ? "/" + c.model() : "");
            if (!seen.add(key)) {
                report(findings, "there is more than one " + c.describe(), c.position());
            }
        }
    }
}
