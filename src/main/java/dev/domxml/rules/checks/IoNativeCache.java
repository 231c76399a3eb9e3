package dev.domxml.rules.checks;

import dev.domxml.report.Severity;
import dev.domxml.rules.CacheMode;
import dev.domxml.rules.DomainRule;
import dev.domxml.rules.Findings;
import dev.domxml.rules.ResolvedDisk;
import dev.domxml.rules.ResolvedDomain;
import dev.domxml.rules.RuleInfo;
import java.util.Optional;
import java.util.Set;

@RuleInfo(
        id = "io-native-cache",
        severity = Severity.ERROR,
        title = "io='native' without cache='none' or cache='directsync'",
        rationale = "Linux native AIO only works on files opened with O_DIRECT, which only cache modes none and"
                + " directsync use; libvirt refuses any other (or no) cache mode with io='native'.",
        badExample = "<driver name='qemu' type='raw' cache='writeback' io='native'/>",
        goodExample = "<driver name='qemu' type='raw' cache='none' io='native'/>")
public final class IoNativeCache extends DomainRule {
    private static final Set<CacheMode> DIRECT = Set.of(CacheMode.NONE, CacheMode.DIRECTSYNC);

    @Override
    public void check(ResolvedDomain domain, Findings findings) {
        for (ResolvedDisk disk : domain.disks()) {
            if (disk.io().equals(Optional.of("native")) && !disk.cache().map(DIRECT::contains).orElse(false)) {
                report(findings, disk.describe() + " has io='native' with "
                        + disk.cache().map(c -> "cache='" + c.xmlName() + "'").orElse("no cache mode")
                        + ": native I/O needs cache='none' or cache='directsync'", disk.position());
            }
        }
    }
}
