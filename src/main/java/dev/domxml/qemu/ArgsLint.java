package dev.domxml.qemu;

import dev.domxml.report.Diagnostic;
import dev.domxml.report.SourcePosition;
import dev.domxml.rules.Findings;
import dev.domxml.rules.ModelRule;
import dev.domxml.rules.RuleCatalog;
import dev.domxml.xml.InputException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Lint for a command line: what reading it reported (options left out, assumptions, joined line wraps)
 * and the advice rules over the model ({@link RuleCatalog#modelAdvice()}), positioned at the options.
 */
public final class ArgsLint {
    private ArgsLint() {}

    public static List<Diagnostic> lint(String commandLine, String fileName) throws InputException {
        CommandLineReader.Result read = CommandLineReader.read(commandLine, fileName);
        Findings findings = new Findings();
        for (ModelRule rule : RuleCatalog.modelAdvice()) {
            rule.check(read.model(), read.sources(), findings);
        }
        List<Diagnostic> all = new ArrayList<>(read.warnings());
        all.addAll(findings.all());
        all.sort(Comparator.comparingInt((Diagnostic d) -> d.position().map(SourcePosition::line).orElse(0))
                .thenComparingInt(d -> d.position().map(SourcePosition::column).orElse(0)));
        return List.copyOf(all);
    }

    /** Domain XML starts with '<' (after a BOM and blanks); a command line never does. */
    public static boolean looksLikeXml(byte[] content) {
        String text = new String(content, 0, Math.min(content.length, 4096), StandardCharsets.UTF_8);
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        return text.stripLeading().startsWith("<");
    }
}
