package dev.domxml.rules.checks;

import dev.domxml.report.Severity;
import dev.domxml.rules.DomainRule;
import dev.domxml.rules.Findings;
import dev.domxml.rules.HostCapabilities;
import dev.domxml.rules.ResolvedDomain;
import dev.domxml.rules.RuleInfo;

@RuleInfo(
        id = "kvm-unavailable",
        severity = Severity.ERROR,
        title = "A type='kvm' domain on a host without KVM",
        rationale = "QEMU cannot start with accel=kvm where /dev/kvm is missing or closed to it, so libvirt"
                + " refuses to define, start or convert such a domain on that host. Checked against this"
                + " machine unless the command is told the domain is meant for another host (--any-host).",
        badExample = "<domain type='kvm'>  (on a host without /dev/kvm)",
        goodExample = "<domain type='qemu'>  (TCG: runs anywhere, slower)")
public final class KvmUnavailable extends DomainRule {
    private final HostCapabilities host;

    public KvmUnavailable(HostCapabilities host) {
        this.host = host;
    }

    @Override
    public void check(ResolvedDomain domain, Findings findings) {
        if (domain.domainType().equals("kvm") && !host.kvm()) {
            report(findings, "domain type 'kvm' needs KVM, and this host has none (/dev/kvm cannot be opened),"
                    + " so libvirt refuses the domain here too; use type='qemu', or --any-host to check it"
                    + " for another host", domain.position());
        }
    }
}
