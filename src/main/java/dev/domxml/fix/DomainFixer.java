package dev.domxml.fix;

import dev.domxml.report.Diagnostic;
import dev.domxml.report.Severity;
import dev.domxml.rules.DomainMapper;
import dev.domxml.rules.ResolvedDomain;
import dev.domxml.xml.DomainDocument;
import dev.domxml.xml.EditableDocument;
import dev.domxml.xml.DomainReader;
import dev.domxml.xml.InputException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

/**
 * {@code fix} for domain XML: repairs iothread placement and changes nothing else. A domain libvirt
 * refuses for other reasons is not touched; the corrected document is checked to be accepted.
 */
public final class DomainFixer {
    /** Refusals that fix itself repairs, so they do not stop it. */
    private static final Set<String> REPAIRED = Set.of("iothread-unsupported-bus");

    private DomainFixer() {}

    /** Thrown when the domain cannot be fixed; the diagnostics say why. */
    public static final class NotFixable extends Exception {
        private final List<Diagnostic> reasons;

        NotFixable(List<Diagnostic> reasons) {
            super(reasons.isEmpty() ? "not fixable" : reasons.get(0).message());
            this.reasons = List.copyOf(reasons);
        }

        public List<Diagnostic> reasons() {
            return reasons;
        }
    }

    public static FixResult fix(EditableDocument document, FixOptions options) throws NotFixable {
        DomainMapper.Result result = DomainMapper.map(document);
        List<Diagnostic> blocking = result.errors().stream()
                .filter(d -> d.severity() == Severity.ERROR && !REPAIRED.contains(d.ruleId())).toList();
        if (!blocking.isEmpty() || result.resolved().isEmpty()) {
            throw new NotFixable(blocking.isEmpty() ? result.errors() : blocking);
        }
        ResolvedDomain resolved = result.resolved().get();
        FixResult fixed = new IothreadFixer(document, resolved, options).fix();
        if (fixed.changed()) {
            verifyAccepted(fixed, document.fileName(), !result.errors().isEmpty());
        }
        return fixed;
    }

    /**
     * The fixed text must be a domain libvirt accepts. When the original had an error fix repairs, the
     * rules stopped there, and a refusal behind it (too many controllers for the PCI bus, say) shows only
     * now: that is the domain's, not the fix's, and is reported as such.
     */
    private static void verifyAccepted(FixResult fixed, String fileName, boolean repairedAnError) throws NotFixable {
        try {
            DomainDocument again = DomainReader.read(fixed.fixed().getBytes(StandardCharsets.UTF_8), fileName);
            DomainMapper.Result check = DomainMapper.map(again);
            if (!check.accepted() && repairedAnError) {
                throw new NotFixable(check.errors());
            }
            if (!check.accepted()) {
                throw new IllegalStateException("fix produced a domain libvirt would refuse: "
                        + check.errors().get(0).message());
            }
        } catch (InputException e) {
            throw new IllegalStateException("fix produced unreadable XML: " + e.getMessage(), e);
        }
    }
}
