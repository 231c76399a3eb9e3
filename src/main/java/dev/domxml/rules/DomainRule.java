package dev.domxml.rules;

import dev.domxml.report.SourcePosition;
import java.util.Optional;

/**
 * One check over a resolved domain. Implementations only match and describe; the catalogue metadata
 * lives in their {@link RuleInfo}, reporting and formatting live elsewhere.
 */
public abstract class DomainRule {
    private final RuleInfo info;

    protected DomainRule() {
        this.info = getClass().getAnnotation(RuleInfo.class);
        if (info == null) {
            throw new IllegalStateException(getClass().getName() + " has no @RuleInfo");
        }
    }

    public final RuleInfo info() {
        return info;
    }

    public abstract void check(ResolvedDomain domain, Findings findings);

    protected final void report(Findings findings, String message, Optional<SourcePosition> position) {
        findings.report(info.severity(), info.id(), message, position);
    }
}
