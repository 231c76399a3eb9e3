package dev.domxml.rules.advice;

import dev.domxml.model.DiskDevice;
import dev.domxml.model.StorageController;
import dev.domxml.model.VirtualMachine;
import dev.domxml.report.Severity;
import dev.domxml.report.SourceMap;
import dev.domxml.rules.Findings;
import dev.domxml.rules.ModelRule;
import dev.domxml.rules.RuleInfo;

@RuleInfo(
        id = "queues-exceed-vcpus",
        severity = Severity.WARNING,
        title = "More virtio queues than vCPUs",
        rationale = "virtio-blk and virtio-scsi map one request queue to each vCPU; queues beyond the vCPU count"
                + " are never used but still cost memory and interrupt vectors.",
        badExample = "<vcpu>2</vcpu> ... <driver name='qemu' type='raw' queues='8'/>",
        goodExample = "<vcpu>2</vcpu> ... <driver name='qemu' type='raw' queues='2'/>")
public final class QueuesExceedVcpus extends ModelRule {
    @Override
    public void check(VirtualMachine vm, SourceMap sources, Findings findings) {
        int vcpus = vm.smp().maxCpus();
        for (StorageController c : vm.devicesOf(StorageController.class)) {
            c.numQueues().ifPresent(q -> {
                if (q > vcpus) {
                    report(findings, "controller " + c.id() + " has " + q + " queues but the guest has " + vcpus
                            + " vCPUs", sources.orFile(c.id()));
                }
            });
        }
        for (DiskDevice d : vm.devicesOf(DiskDevice.class)) {
            d.frontend().numQueues().ifPresent(q -> {
                if (q > vcpus) {
                    report(findings, "disk " + d.targetDev() + " has " + q + " queues but the guest has " + vcpus
                            + " vCPUs", sources.orFile(d.id()));
                }
            });
        }
    }
}
