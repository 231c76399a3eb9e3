package dev.domxml.rules.advice;

import dev.domxml.model.DiskDevice;
import dev.domxml.model.IoThread;
import dev.domxml.model.StorageController;
import dev.domxml.model.VirtualMachine;
import dev.domxml.report.Severity;
import dev.domxml.report.SourceMap;
import dev.domxml.rules.Findings;
import dev.domxml.rules.ModelRule;
import dev.domxml.rules.RuleInfo;
import java.util.HashSet;
import java.util.Set;

@RuleInfo(
        id = "iothread-unused",
        severity = Severity.WARNING,
        title = "An I/O thread is declared but no device uses it",
        rationale = "<iothreads> only creates threads; a device runs in one only when its <driver iothread='N'/>"
                + " says so (virtio-blk disks, virtio-scsi controllers). An unused thread usually means the"
                + " iothread was meant for a disk and ended up nowhere.",
        badExample = "<iothreads>2</iothreads> ... <disk ...><driver name='qemu' type='raw' iothread='1'/>",
        goodExample = "<iothreads>1</iothreads> ... <disk ...><driver name='qemu' type='raw' iothread='1'/>",
        fixable = true)
public final class IoThreadUnused extends ModelRule {
    @Override
    public void check(VirtualMachine vm, SourceMap sources, Findings findings) {
        Set<String> used = usedIoThreads(vm);
        for (IoThread thread : vm.iothreads()) {
            if (!used.contains(thread.id())) {
                report(findings, thread.id() + " is declared but no disk or controller runs in it",
                        sources.orFile(thread.id()));
            }
        }
    }

    static Set<String> usedIoThreads(VirtualMachine vm) {
        Set<String> used = new HashSet<>();
        vm.devicesOf(StorageController.class).forEach(c -> c.iothread().ifPresent(used::add));
        vm.devicesOf(DiskDevice.class).forEach(d -> d.frontend().iothread().ifPresent(used::add));
        return used;
    }
}
