package dev.domxml.rules.checks;

import dev.domxml.report.Severity;
import dev.domxml.rules.DomainRule;
import dev.domxml.rules.Findings;
import dev.domxml.rules.ResolvedDisk;
import dev.domxml.rules.ResolvedDomain;
import dev.domxml.rules.RuleInfo;
import java.util.Set;

@RuleInfo(
        id = "lun-disk-invalid",
        severity = Severity.ERROR,
        title = "A SCSI passthrough disk (device='lun') libvirt refuses",
        rationale = "device='lun' passes SCSI commands to a host block device or an iSCSI LUN, so libvirt refuses it"
                + " on a file or another network protocol,"
                + " and refuses a <wwn>, <vendor> or <product> the host device would contradict, an image format"
                + " other than raw and copy_on_read. sgio='filtered'"
                + " or 'unfiltered' only means something on a lun, and libvirt no longer supports 'unfiltered'.",
        badExample = "<disk type='file' device='lun'>",
        goodExample = "<disk type='block' device='lun'> <source dev='/dev/sdb'/>")
public final class LunDiskInvalid extends DomainRule {
    @Override
    public void check(ResolvedDomain domain, Findings findings) {
        for (ResolvedDisk disk : domain.disks()) {
            String sgio = disk.xml().sgio;
            if (sgio != null && !Set.of("filtered", "unfiltered").contains(sgio.trim())) {
                report(findings, disk.describe() + ": sgio='" + sgio + "' is not 'filtered' or 'unfiltered'",
                        disk.position());
            } else if (sgio != null && !disk.device().equals("lun")) {
                report(findings, disk.describe() + ": sgio only applies to device='lun' disks", disk.position());
            } else if ("unfiltered".equals(sgio)) {
                report(findings, disk.describe() + ": sgio='unfiltered' is no longer supported by libvirt",
                        disk.position());
            }
            if (!disk.device().equals("lun")) {
                continue;
            }
            boolean iscsi = disk.network().map(n -> n.protocol().equals("iscsi")).orElse(false);
            if (disk.type().equals("network") && !iscsi) {
                report(findings, disk.describe() + ": device='lun' over the network works only with protocol 'iscsi'",
                        disk.position());
            } else if (!disk.type().equals("block") && !iscsi) {
                report(findings, disk.describe() + ": device='lun' needs a host block device (type='block'),"
                        + " not type='" + disk.type() + "'", disk.position());
            } else if (disk.wwn().isPresent()) {
                report(findings, disk.describe() + ": a device='lun' disk cannot have a <wwn>: the host device"
                        + " has its own", disk.position());
            } else if (disk.vendor().isPresent() || disk.product().isPresent()) {
                report(findings, disk.describe() + ": a device='lun' disk cannot have a <vendor> or <product>:"
                        + " the host device has its own", disk.position());
            }
            // the guest's SCSI commands reach the device itself: no image format or filter may stand between
            if (!disk.format().equals("raw")) {
                report(findings, disk.describe() + ": disk device 'lun' must use 'raw' format, not '" + disk.format()
                        + "'", disk.position());
            } else if (disk.xml().driver != null && "on".equals(disk.xml().driver.copyOnRead)) {
                report(findings, "copy_on_read is not compatible with 'lun' disk '" + disk.target() + "'",
                        disk.position());
            }
        }
    }
}
