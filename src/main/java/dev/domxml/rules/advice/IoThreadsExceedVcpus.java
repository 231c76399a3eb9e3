package dev.domxml.rules.advice;

import dev.domxml.model.VirtualMachine;
import dev.domxml.report.Severity;
import dev.domxml.report.SourceMap;
import dev.domxml.rules.Findings;
import dev.domxml.rules.ModelRule;
import dev.domxml.rules.RuleInfo;

@RuleInfo(
        id = "iothreads-exceed-vcpus",
        severity = Severity.INFO,
        title = "More I/O threads in use than the guest has vCPUs",
        rationale = "A guest cannot submit I/O faster than its vCPUs run; beyond one busy I/O thread per vCPU the"
                + " extra threads mostly add host scheduling overhead.",
        badExample = "<vcpu>1</vcpu><iothreads>4</iothreads> ... four disks each with its own iothread",
        goodExample = "<vcpu>4</vcpu><iothreads>4</iothreads> ... four disks each with its own iothread")
public final class IoThreadsExceedVcpus extends ModelRule {
    @Override
    public void check(VirtualMachine vm, SourceMap sources, Findings findings) {
        int inUse = IoThreadUnused.usedIoThreads(vm).size();
        if (inUse > vm.smp().maxCpus()) {
            report(findings, inUse + " I/O threads are in use but the guest has only " + vm.smp().maxCpus() + " vCPU"
                    + (vm.smp().maxCpus() == 1 ? "" : "s"), sources.orFile(vm.iothreads().get(0).id()));
        }
    }
}
