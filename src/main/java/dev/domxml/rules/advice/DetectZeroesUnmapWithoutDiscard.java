package dev.domxml.rules.advice;

import dev.domxml.report.Severity;
import dev.domxml.rules.DomainRule;
import dev.domxml.rules.Findings;
import dev.domxml.rules.ResolvedDisk;
import dev.domxml.rules.ResolvedDomain;
import dev.domxml.rules.RuleInfo;
import java.util.Optional;

@RuleInfo(
        id = "detect-zeroes-unmap-without-discard",
        severity = Severity.WARNING,
        title = "detect_zeroes='unmap' without discard='unmap' acts as detect_zeroes='on'",
        rationale = "Zero writes can only be turned into unmaps when discard requests reach the image; without"
                + " discard='unmap' libvirt passes detect-zeroes=on, which writes the zeroes anyway.",
        badExample = "<driver name='qemu' type='raw' detect_zeroes='unmap'/>",
        goodExample = "<driver name='qemu' type='raw' discard='unmap' detect_zeroes='unmap'/>",
        fixable = true)
public final class DetectZeroesUnmapWithoutDiscard extends DomainRule {
    @Override
    public void check(ResolvedDomain domain, Findings findings) {
        for (ResolvedDisk disk : domain.disks()) {
            if (disk.detectZeroes().equals(Optional.of("unmap")) && !disk.discard().equals(Optional.of("unmap"))) {
                report(findings, disk.describe() + " has detect_zeroes='unmap' without discard='unmap', so libvirt"
                        + " uses detect-zeroes=on: add discard='unmap'", disk.position());
            }
        }
    }
}
