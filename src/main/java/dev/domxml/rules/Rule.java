package dev.domxml.rules;

import dev.domxml.report.SourcePosition;
import java.util.Optional;

/**
 * A rule of the catalogue. Implementations only match and describe; what they are (id, severity,
 * documentation) is written in their {@link RuleInfo}, reporting and formatting live elsewhere.
 */
public abstract sealed class Rule permits DomainRule, ModelRule, PveRule {
    private final RuleInfo info;

    protected Rule() {
        this.info = getClass().getAnnotation(RuleInfo.class);
        if (info == null) {
            throw new IllegalStateException(getClass().getName() + " has no @RuleInfo");
        }
    }

    public final RuleInfo info() {
        return info;
    }

    protected final void report(Findings findings, String message, Optional<SourcePosition> position) {
        findings.report(info.severity(), info.id(), message, position);
    }
}
