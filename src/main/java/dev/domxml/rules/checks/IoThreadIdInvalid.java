package dev.domxml.rules.checks;

import dev.domxml.report.Severity;
import dev.domxml.rules.DomainRule;
import dev.domxml.rules.Findings;
import dev.domxml.rules.ResolvedDomain;
import dev.domxml.rules.ResolvedIoThread;
import dev.domxml.rules.RuleInfo;
import java.util.HashSet;
import java.util.Set;

@RuleInfo(
        id = "iothread-id-invalid",
        severity = Severity.ERROR,
        title = "An <iothreadids> entry has id 0, a duplicate id, or a bad thread pool range",
        rationale = "libvirt numbers I/O threads from 1 and refuses zero, repeated ids, thread_pool_max='0', and a"
                + " thread_pool_min without a thread_pool_max at least as large.",
        badExample = "<iothreadids><iothread id='0'/></iothreadids>",
        goodExample = "<iothreadids><iothread id='1'/></iothreadids>")
public final class IoThreadIdInvalid extends DomainRule {
    @Override
    public void check(ResolvedDomain domain, Findings findings) {
        Set<Integer> seen = new HashSet<>();
        for (ResolvedIoThread thread : domain.iothreads()) {
            if (thread.id() == 0) {
                report(findings, "iothread id 0 is not allowed: ids start at 1", thread.position());
            } else if (!seen.add(thread.id())) {
                report(findings, "iothread id '" + thread.id() + "' is listed twice in <iothreadids>", thread.position());
            }
            if (thread.threadPoolMax().isPresent() && thread.threadPoolMax().getAsInt() == 0) {
                report(findings, "iothread " + thread.id() + ": thread_pool_max must be a positive number", thread.position());
            }
            if (thread.threadPoolMin().isPresent() && thread.threadPoolMax().isEmpty()) {
                report(findings, "iothread " + thread.id() + ": thread_pool_min needs a thread_pool_max at least as large",
                        thread.position());
            }
            if (thread.threadPoolMin().isPresent() && thread.threadPoolMax().isPresent()
                    && thread.threadPoolMin().getAsInt() > thread.threadPoolMax().getAsInt()) {
                report(findings, "iothread " + thread.id() + ": thread_pool_min " + thread.threadPoolMin().getAsInt()
                        + " is above thread_pool_max " + thread.threadPoolMax().getAsInt(), thread.position());
            }
        }
    }
}
