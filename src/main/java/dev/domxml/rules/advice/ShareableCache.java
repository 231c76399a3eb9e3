package dev.domxml.rules.advice;

import dev.domxml.report.Severity;
import dev.domxml.rules.CacheMode;
import dev.domxml.rules.DomainRule;
import dev.domxml.rules.Findings;
import dev.domxml.rules.ResolvedDisk;
import dev.domxml.rules.ResolvedDomain;
import dev.domxml.rules.RuleInfo;

@RuleInfo(
        id = "shareable-cache",
        severity = Severity.WARNING,
        title = "<shareable/> disk with a host page cache (cache other than none/directsync)",
        rationale = "Guests sharing a disk each see their own host page cache: writes by one are not seen by the"
                + " other until the cache is flushed, which breaks cluster filesystems. Use cache='none'.",
        badExample = "<driver name='qemu' type='raw' cache='writeback'/> ... <shareable/>",
        goodExample = "<driver name='qemu' type='raw' cache='none'/> ... <shareable/>")
public final class ShareableCache extends DomainRule {
    @Override
    public void check(ResolvedDomain domain, Findings findings) {
        for (ResolvedDisk disk : domain.disks()) {
            if (disk.shareable() && !disk.readonly() && disk.cache().isPresent()
                    && disk.cache().get() != CacheMode.NONE && disk.cache().get() != CacheMode.DIRECTSYNC) {
                report(findings, disk.describe() + " is <shareable/> but uses cache='" + disk.cache().get().xmlName()
                        + "': other guests will not see its writes in time; use cache='none'", disk.position());
            }
        }
    }
}
