package dev.domxml.rules;

import dev.domxml.report.Diagnostic;
import dev.domxml.report.Severity;
import dev.domxml.report.SourcePosition;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Where rules put what they find. */
public final class Findings {
    private final List<Diagnostic> diagnostics = new ArrayList<>();

    public void report(Severity severity, String ruleId, String message, Optional<SourcePosition> position) {
        diagnostics.add(new Diagnostic(severity, ruleId, message, position));
    }

    public void error(String ruleId, String message, Optional<SourcePosition> position) {
        report(Severity.ERROR, ruleId, message, position);
    }

    public List<Diagnostic> all() {
        return List.copyOf(diagnostics);
    }

    public boolean hasErrors() {
        return diagnostics.stream().anyMatch(d -> d.severity() == Severity.ERROR);
    }
}
