package dev.domxml.rules.checks;

import dev.domxml.report.Severity;
import dev.domxml.rules.DomainRule;
import dev.domxml.rules.Findings;
import dev.domxml.rules.ResolvedController;
import dev.domxml.rules.ResolvedDomain;
import dev.domxml.rules.RuleInfo;
import java.util.ArrayList;
import java.util.List;

@RuleInfo(
        id = "controller-option-unsupported",
        severity = Severity.ERROR,
        title = "iothread, queues, cmd_per_lun, max_sectors or ioeventfd on a controller that is not virtio-scsi",
        rationale = "These <driver> attributes tune virtio-scsi; emulated SCSI HBAs (lsilogic, megasas, pvscsi …)"
                + " and other controllers have none of them, and libvirt refuses the domain.",
        badExample = "<controller type='scsi' model='lsilogic'><driver iothread='1'/></controller>",
        goodExample = "<controller type='scsi' model='virtio-scsi'><driver iothread='1'/></controller>")
public final class ControllerOptionUnsupported extends DomainRule {
    @Override
    public void check(ResolvedDomain domain, Findings findings) {
        for (ResolvedController c : domain.controllers()) {
            if (c.model().equals("virtio-scsi") || c.isImplicit()) {
                continue;
            }
            List<String> options = new ArrayList<>();
            if (c.iothread().isPresent()) {
                options.add("iothread");
            }
            if (c.queues().isPresent()) {
                options.add("queues");
            }
            if (c.cmdPerLun().isPresent()) {
                options.add("cmd_per_lun");
            }
            if (c.maxSectors().isPresent()) {
                options.add("max_sectors");
            }
            if (c.ioeventfd().isPresent() && !c.is("virtio-serial")) {
                options.add("ioeventfd");
            }
            if (!options.isEmpty()) {
                report(findings, c.describe() + " model '" + c.model() + "' does not support "
                        + String.join(", ", options) + ": only virtio-scsi controllers do", c.position());
            }
        }
    }
}
