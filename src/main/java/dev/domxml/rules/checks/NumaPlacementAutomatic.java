package dev.domxml.rules.checks;

import dev.domxml.report.Severity;
import dev.domxml.rules.DomainRule;
import dev.domxml.rules.Findings;
import dev.domxml.rules.ResolvedDomain;
import dev.domxml.rules.RuleInfo;

@RuleInfo(
        id = "numa-placement-automatic",
        severity = Severity.ERROR,
        title = "Guest memory placed on host NUMA nodes by numad",
        rationale = "With placement='auto' (on <numatune><memory>, or on <vcpu> with no <numatune>) libvirt asks"
                + " numad which host nodes to use when the guest starts, so the command line is not known"
                + " beforehand; where numad is not installed libvirt refuses the domain. Name the nodes instead.",
        badExample = "<vcpu placement='auto'>2</vcpu>",
        goodExample = "<vcpu placement='static'>2</vcpu> <numatune><memory mode='strict' nodeset='0'/></numatune>")
public final class NumaPlacementAutomatic extends DomainRule {
    @Override
    public void check(ResolvedDomain domain, Findings findings) {
        if (domain.memoryTuning().automaticPlacement().isPresent()) {
            report(findings, "automatic NUMA placement needs numad's advice when the guest starts, which a command"
                    + " line made beforehand cannot have (libvirt refuses it where numad is not installed); name the"
                    + " host nodes with <numatune><memory nodeset=...>", domain.memoryTuning().automaticPlacement());
        }
    }
}
