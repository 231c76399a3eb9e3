package dev.domxml.rules.checks;

import dev.domxml.report.Severity;
import dev.domxml.rules.DomainRule;
import dev.domxml.rules.Findings;
import dev.domxml.rules.ResolvedDomain;
import dev.domxml.rules.ResolvedMemoryTuning.HugePage;
import dev.domxml.rules.RuleInfo;

@RuleInfo(
        id = "hugepages-unsupported",
        severity = Severity.ERROR,
        title = "Guest memory backed by huge pages",
        rationale = "libvirt backs such memory with files on a hugetlbfs mount of the host (memory-backend-file"
                + " with mem-path), found when the guest starts, and refuses the domain where none is mounted."
                + " domxml does not write that backend yet, so it refuses rather than leave the pages out."
                + " A page of the host's base size (4 KiB) is not a huge page and is accepted.",
        badExample = "<memoryBacking><hugepages><page size='2048' unit='KiB'/></hugepages></memoryBacking>",
        goodExample = "<memoryBacking><hugepages><page size='4' unit='KiB'/></hugepages></memoryBacking>")
public final class HugePagesUnsupported extends DomainRule {
    /** The host's base page size: pages of this size need no hugetlbfs. */
    private static final long BASE_PAGE_KIB = 4;

    @Override
    public void check(ResolvedDomain domain, Findings findings) {
        for (HugePage page : domain.memoryTuning().hugePages()) {
            if (page.sizeKiB() != BASE_PAGE_KIB) {
                report(findings, (page.sizeKiB() == 0 ? "huge pages of the host's default size" : "huge pages of "
                        + page.sizeKiB() + " KiB") + " back guest memory from a hugetlbfs mount, which domxml does not"
                        + " write yet (libvirt also refuses them where hugetlbfs is not mounted)", page.position());
                return;
            }
        }
    }
}
