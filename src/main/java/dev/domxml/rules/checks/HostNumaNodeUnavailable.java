package dev.domxml.rules.checks;

import dev.domxml.report.Severity;
import dev.domxml.rules.DomainRule;
import dev.domxml.rules.Findings;
import dev.domxml.rules.HostCapabilities;
import dev.domxml.rules.ResolvedDomain;
import dev.domxml.rules.ResolvedMemoryTuning.HostNodes;
import dev.domxml.rules.RuleInfo;
import java.util.ArrayList;
import java.util.List;

@RuleInfo(
        id = "host-numa-node-unavailable",
        severity = Severity.ERROR,
        title = "<numatune> names a host NUMA node the host does not have",
        rationale = "QEMU binds guest memory to the host nodes <numatune> names; libvirt refuses a node the host"
                + " does not have. Checked against this machine unless the domain is meant for another host"
                + " (--any-host).",
        badExample = "<numatune><memory mode='strict' nodeset='1'/></numatune>  (on a host with node 0 only)",
        goodExample = "<numatune><memory mode='strict' nodeset='0'/></numatune>")
public final class HostNumaNodeUnavailable extends DomainRule {
    private final HostCapabilities host;

    public HostNumaNodeUnavailable(HostCapabilities host) {
        this.host = host;
    }

    @Override
    public void check(ResolvedDomain domain, Findings findings) {
        List<HostNodes> bindings = new ArrayList<>();
        domain.memoryTuning().memory().ifPresent(bindings::add);
        domain.memoryTuning().cells().keySet().stream().sorted().map(domain.memoryTuning().cells()::get).forEach(bindings::add);
        for (HostNodes binding : bindings) {
            for (int node : binding.nodes()) {
                if (!host.hasNumaNode(node)) {
                    report(findings, "NUMA node " + node + " is unavailable: this host has node(s) "
                            + host.numaNodes().orElseThrow() + ", so libvirt refuses the domain here too; use --any-host"
                            + " to check it for another host", binding.position());
                    return;
                }
            }
        }
    }
}
