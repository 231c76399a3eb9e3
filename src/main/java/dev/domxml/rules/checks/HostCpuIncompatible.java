package dev.domxml.rules.checks;

import dev.domxml.report.Severity;
import dev.domxml.rules.DomainRule;
import dev.domxml.rules.Findings;
import dev.domxml.rules.GuestCpu.HostCpuRequirement;
import dev.domxml.rules.HostCapabilities;
import dev.domxml.rules.ResolvedDomain;
import dev.domxml.rules.RuleInfo;
import java.util.List;

@RuleInfo(
        id = "host-cpu-incompatible",
        severity = Severity.ERROR,
        title = "A KVM guest's CPU model needs features the host CPU lacks",
        rationale = "Under KVM the guest runs on the host's CPU, so libvirt compares a custom CPU model with it"
                + " (check='partial', the default for KVM) and refuses a model whose features the host lacks or"
                + " a forbidden feature it has. Checked against this machine's CPU (/proc/cpuinfo, with what KVM"
                + " emulates) unless the domain is meant for another host (--any-host).",
        badExample = "<domain type='kvm'> ... <cpu mode='custom'><model>Haswell</model></cpu>  (on an AMD host: no hle, rtm)",
        goodExample = "<cpu mode='host-model'/>, or <cpu mode='custom' check='none'> to let QEMU drop what is missing")
public final class HostCpuIncompatible extends DomainRule {
    private final HostCapabilities host;

    public HostCpuIncompatible(HostCapabilities host) {
        this.host = host;
    }

    @Override
    public void check(ResolvedDomain domain, Findings findings) {
        if (!domain.domainType().equals("kvm") || domain.hostCpu().isEmpty()) {
            return;
        }
        HostCpuRequirement cpu = domain.hostCpu().get();
        List<String> forbidden = cpu.forbidden().stream().filter(host.cpu()::has).toList();
        List<String> missing = cpu.required().stream().filter(name -> !host.cpu().has(name)).toList();
        // libvirt names the first incompatibility it finds, and says why in its own words
        if (!forbidden.isEmpty()) {
            report(findings, "the CPU is incompatible with host CPU: Host CPU provides forbidden features: "
                    + String.join(", ", forbidden) + " (checked against this host; --any-host skips it)", cpu.position());
        } else if (!missing.isEmpty()) {
            report(findings, "the CPU is incompatible with host CPU: Host CPU does not provide required features: "
                    + String.join(", ", missing) + " (checked against this host; --any-host skips it)", cpu.position());
        }
    }
}
