package dev.domxml.qemu;

import dev.domxml.report.Diagnostic;
import dev.domxml.report.Severity;
import dev.domxml.report.SourcePosition;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What a reading collects besides the model: warnings (each kind listed once) and what was left out. */
final class ReadContext {
    final SourceText source;
    private final List<Diagnostic> warnings = new ArrayList<>();
    private final Map<String, Aggregate> aggregated = new LinkedHashMap<>();
    private final List<QemuOption> leftOut = new ArrayList<>();

    private static final class Aggregate {
        final String rule;
        final String message;
        final SourcePosition first;
        int count = 1;

        Aggregate(String rule, String message, SourcePosition first) {
            this.rule = rule;
            this.message = message;
            this.first = first;
        }
    }

    ReadContext(SourceText source) {
        this.source = source;
    }

    void warn(String rule, String message, SourcePosition at) {
        warnings.add(new Diagnostic(Severity.WARNING, rule, message, Optional.of(at)));
    }

    void warnAll(List<Diagnostic> diagnostics) {
        warnings.addAll(diagnostics);
    }

    /** A warning given once however often it recurs: the first place, and how many times. */
    void warnOnce(String rule, String message, SourcePosition at) {
        Aggregate a = aggregated.get(rule + "\u0000" + message);
        if (a == null) {
            aggregated.put(rule + "\u0000" + message, new Aggregate(rule, message, at));
        } else {
            a.count++;
        }
    }

    /** A whole option the model has no place for: kept in {@link #leftOut()} and reported once per kind. */
    void notModelled(QemuOption option, String what) {
        leftOut.add(option);
        warnOnce(CommandLineReader.NOT_MODELLED, what + " is not in the model: left out", option.position());
    }

    /** Keys of a modelled option that the model has no place for. */
    void unusedKeys(OptionValue value) {
        List<String> unused = value.unused();
        if (!unused.isEmpty()) {
            warnOnce(CommandLineReader.NOT_MODELLED, value.describe() + ": " + String.join(", ", unused)
                    + (unused.size() == 1 ? " is" : " are") + " not in the model: left out", value.position());
        }
    }

    List<QemuOption> leftOut() {
        return List.copyOf(leftOut);
    }

    List<Diagnostic> warnings() {
        List<Diagnostic> all = new ArrayList<>(warnings);
        for (Aggregate a : aggregated.values()) {
            all.add(new Diagnostic(Severity.WARNING, a.rule, a.message + (a.count > 1 ? " (" + a.count + " times)" : ""),
                    Optional.of(a.first)));
        }
        all.sort(Comparator.comparingInt((Diagnostic d) -> d.position().map(SourcePosition::line).orElse(0))
                .thenComparingInt(d -> d.position().map(SourcePosition::column).orElse(0)));
        return all;
    }
}
