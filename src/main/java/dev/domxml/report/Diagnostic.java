package dev.domxml.report;

import java.util.Optional;

/** One finding about an input: what is wrong, how bad, which rule found it and where. */
public record Diagnostic(Severity severity, String ruleId, String message, Optional<SourcePosition> position) {

    public static Diagnostic error(String ruleId, String message, Optional<SourcePosition> position) {
        return new Diagnostic(Severity.ERROR, ruleId, message, position);
    }

    /** {@code FILE:LINE:COL: error: message [rule]} as compilers print it. */
    public String format(String fallbackFile) {
        String where = position.map(SourcePosition::toString).orElse(fallbackFile);
        return where + ": " + severity.label() + ": " + message + " [" + ruleId + "]";
    }
}
