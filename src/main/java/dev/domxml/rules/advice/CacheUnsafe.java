package dev.domxml.rules.advice;

import dev.domxml.report.Severity;
import dev.domxml.rules.CacheMode;
import dev.domxml.rules.DomainRule;
import dev.domxml.rules.Findings;
import dev.domxml.rules.ResolvedDisk;
import dev.domxml.rules.ResolvedDomain;
import dev.domxml.rules.RuleInfo;
import java.util.Optional;

@RuleInfo(
        id = "cache-unsafe",
        severity = Severity.WARNING,
        title = "cache='unsafe' ignores the guest's flushes",
        rationale = "With cache='unsafe' QEMU drops flush requests: a host crash or power cut loses data the guest"
                + " believed was on disk, and can corrupt its filesystems. Fine for throwaway installs only.",
        badExample = "<driver name='qemu' type='qcow2' cache='unsafe'/>",
        goodExample = "<driver name='qemu' type='qcow2' cache='none'/>")
public final class CacheUnsafe extends DomainRule {
    @Override
    public void check(ResolvedDomain domain, Findings findings) {
        for (ResolvedDisk disk : domain.disks()) {
            if (disk.cache().equals(Optional.of(CacheMode.UNSAFE))) {
                report(findings, disk.describe() + " uses cache='unsafe': the guest's flushes are ignored and a host"
                        + " crash loses data", disk.position());
            }
        }
    }
}
