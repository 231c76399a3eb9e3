package dev.domxml.rules.pve;

import dev.domxml.pve.PveBus;
import dev.domxml.pve.PveConfig;
import dev.domxml.pve.PveDisk;
import dev.domxml.pve.PveStorage;
import dev.domxml.report.Severity;
import dev.domxml.rules.Findings;
import dev.domxml.rules.PveRule;
import dev.domxml.rules.RuleInfo;
import java.util.Optional;

@RuleInfo(
        id = "pve-option-not-for-bus",
        severity = Severity.ERROR,
        title = "A disk option its bus does not have (iothread on IDE/SATA, ssd on VirtIO, ...): the disk is left out",
        rationale = "Each Proxmox VE disk bus has its own option schema: iothread exists for scsi and virtio only,"
                + " ssd for scsi, sata and ide, queues, vendor, product and ro for scsi (ro for virtio too). The API"
                + " refuses anything else; a config edited by hand that has it cannot be parsed: qemu-server warns"
                + " 'unable to parse value of' the disk and starts the VM without that disk at all.",
        badExample = "sata0: local-lvm:vm-100-disk-0,iothread=1",
        goodExample = "scsihw: virtio-scsi-single\nscsi0: local-lvm:vm-100-disk-0,iothread=1")
public final class PveOptionNotForBus extends PveRule {
    @Override
    public void check(PveConfig config, PveStorage storage, Findings findings) {
        for (PveDisk disk : config.disks()) {
            for (PveDisk.Option option : disk.options().values()) {
                if (disk.bus().takes(option.name())) {
                    continue;
                }
                String what = PveBus.anyTakes(option.name())
                        ? option.name() + " is not an option of " + disk.bus().prefix() + " disks"
                        : option.name() + " is not a Proxmox VE disk option";
                report(findings, disk.key() + ": " + what + ": Proxmox VE cannot parse this line and starts the VM"
                        + " without " + disk.key(), Optional.of(disk.positionOf(option.name())));
            }
        }
    }
}
