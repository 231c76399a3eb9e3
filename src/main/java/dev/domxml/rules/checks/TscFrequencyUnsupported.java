package dev.domxml.rules.checks;

import dev.domxml.report.Severity;
import dev.domxml.rules.DomainRule;
import dev.domxml.rules.Findings;
import dev.domxml.rules.HostCapabilities;
import dev.domxml.rules.HostTsc;
import dev.domxml.rules.ResolvedDomain;
import dev.domxml.rules.RuleInfo;
import java.util.Optional;

@RuleInfo(
        id = "tsc-frequency-unsupported",
        severity = Severity.ERROR,
        title = "A TSC frequency the host can neither match nor scale to",
        rationale = "A guest's <timer name='tsc' frequency> must be within 250 ppm of the host's TSC unless KVM can"
                + " scale the TSC; libvirt asks KVM for both and refuses the domain otherwise, whatever its type."
                + " Checked against this machine where it has KVM, unless the domain is meant for another host"
                + " (--any-host).",
        badExample = "<clock offset='utc'><timer name='tsc' frequency='3000000000'/></clock>  (on a 2 GHz host without TSC scaling)",
        goodExample = "<clock offset='utc'><timer name='tsc' present='yes'/></clock>")
public final class TscFrequencyUnsupported extends DomainRule {
    /** libvirt's tolerance around the host's frequency, in parts per million. */
    private static final long TOLERANCE_PPM = 250;

    private final HostCapabilities host;

    public TscFrequencyUnsupported(HostCapabilities host) {
        this.host = host;
    }

    @Override
    public void check(ResolvedDomain domain, Findings findings) {
        if (domain.tscFrequency().isEmpty()) {
            return;
        }
        Optional<HostTsc.Info> tsc = host.tsc().info();
        if (tsc.isEmpty() || tsc.get().scaling()) {
            return;
        }
        long wanted = domain.tscFrequency().get().hz();
        long hostHz = tsc.get().frequencyHz();
        long tolerance = hostHz * TOLERANCE_PPM / 1_000_000;
        if (wanted < hostHz - tolerance || wanted > hostHz + tolerance) {
            report(findings, "Requested TSC frequency " + wanted + " Hz is outside tolerance range ([" + (hostHz - tolerance)
                    + ", " + (hostHz + tolerance) + "] Hz) around host frequency " + hostHz + " Hz and TSC scaling is"
                    + " not supported by the host CPU (checked against this host; --any-host skips it)",
                    domain.tscFrequency().get().position());
        }
    }
}
