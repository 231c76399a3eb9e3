package dev.domxml.pve;

import dev.domxml.report.Diagnostic;
import dev.domxml.report.Severity;
import dev.domxml.report.SourcePosition;
import dev.domxml.rules.Findings;
import dev.domxml.rules.ModelRule;
import dev.domxml.rules.PveRule;
import dev.domxml.rules.RuleCatalog;
import dev.domxml.rules.advice.ScsiSharedControllerIothread;
import dev.domxml.xml.InputException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Lint for a Proxmox VE config: the config rules ({@link RuleCatalog#pveConfig()}) over what was written,
 * then the model advice over what Proxmox makes of it, positioned at the config lines.
 */
public final class PveLint {
    private PveLint() {}

    public static List<Diagnostic> lint(PveConfig config, PveStorage storage) {
        Findings findings = new Findings();
        for (PveRule rule : RuleCatalog.pveConfig()) {
            rule.check(config, storage, findings);
        }
        List<Diagnostic> all = new ArrayList<>(findings.all());
        boolean iothreadIgnored = all.stream().anyMatch(d -> d.ruleId().equals("pve-iothread-ignored"));
        try {
            PveVm.Result vm = PveVm.read(config, storage);
            Findings advice = new Findings();
            for (ModelRule rule : RuleCatalog.modelAdvice()) {
                // the shared-controller advice says again what pve-iothread-ignored said, in libvirt's terms
                if (iothreadIgnored && rule instanceof ScsiSharedControllerIothread) {
                    continue;
                }
                rule.check(vm.model(), vm.sources(), advice);
            }
            all.addAll(advice.all());
        } catch (InputException e) {
            all.add(new Diagnostic(Severity.INFO, PveArgs.NOTE, "the I/O advice over the QEMU model was skipped: "
                    + e.getMessage(), Optional.of(e.position())));
        }
        all.sort(Comparator.comparingInt((Diagnostic d) -> d.position().map(SourcePosition::line).orElse(0))
                .thenComparingInt(d -> d.position().map(SourcePosition::column).orElse(0)));
        return List.copyOf(all);
    }
}
