package dev.domxml.lint;

import dev.domxml.report.Diagnostic;
import dev.domxml.report.Severity;
import dev.domxml.report.SourcePosition;
import dev.domxml.rules.DomainMapper;
import dev.domxml.rules.DomainRule;
import dev.domxml.rules.Findings;
import dev.domxml.rules.HostCapabilities;
import dev.domxml.rules.ModelRule;
import dev.domxml.rules.RuleCatalog;
import dev.domxml.xml.DomainDocument;
import dev.domxml.xml.DomainReader;
import dev.domxml.xml.InputException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Lints one domain XML: schema, what libvirt refuses (the same checks {@code to-args} runs), then
 * advice on what libvirt accepts but costs I/O performance or safety. Thread-safe.
 */
public final class Linter {
    public static final String PARSE_RULE_ID = "parse";
    private static final List<DomainRule> DOMAIN_ADVICE = RuleCatalog.domainAdvice();
    private static final List<ModelRule> MODEL_ADVICE = RuleCatalog.modelAdvice();

    private final Optional<SchemaValidator> schema;
    private final HostCapabilities host;

    /** A linter for domains meant for any host. */
    public Linter(Optional<SchemaValidator> schema) {
        this(schema, HostCapabilities.ANY);
    }

    /** A linter that also refuses what libvirt would refuse on a host with these capabilities. */
    public Linter(Optional<SchemaValidator> schema, HostCapabilities host) {
        this.schema = schema;
        this.host = host;
    }

    /** The same linter for another host. */
    public Linter forHost(HostCapabilities other) {
        return new Linter(schema, other);
    }

    /** The outcome for one input; {@code unreadable} when it could not even be parsed. */
    public record Report(String file, List<Diagnostic> findings, boolean unreadable) {}

    public Report lint(byte[] content, String fileName) {
        DomainDocument document;
        List<Diagnostic> findings = new ArrayList<>();
        // One parse for both: the schema validator sees the events the reader binds.
        try (SchemaValidator.Validation validation = schema.map(s -> s.begin(fileName)).orElse(null)) {
            document = validation == null ? DomainReader.read(content, fileName)
                    : DomainReader.read(content, fileName, validation.handler());
            if (validation != null) {
                findings.addAll(validation.findings());
            }
        } catch (InputException e) {
            return new Report(fileName, List.of(new Diagnostic(Severity.ERROR, PARSE_RULE_ID, e.getMessage(),
                    Optional.of(e.position()))), true);
        }
        findings.addAll(lint(document, host));
        findings.sort(Comparator.comparingInt((Diagnostic d) -> d.position().map(SourcePosition::line).orElse(0))
                .thenComparingInt(d -> d.position().map(SourcePosition::column).orElse(0)));
        return new Report(fileName, List.copyOf(findings), false);
    }

    /** Refusals and advice for a document already read (no schema check), meant for any host. */
    public static List<Diagnostic> lint(DomainDocument document) {
        return lint(document, HostCapabilities.ANY);
    }

    /** Refusals and advice for a document already read (no schema check), meant for a host like this. */
    public static List<Diagnostic> lint(DomainDocument document, HostCapabilities host) {
        DomainMapper.Result result = DomainMapper.map(document, host);
        Findings findings = new Findings();
        result.resolved().ifPresent(resolved -> DOMAIN_ADVICE.forEach(rule -> rule.check(resolved, findings)));
        result.model().ifPresent(model -> MODEL_ADVICE.forEach(rule -> rule.check(model, result.sources().orElseThrow(),
                findings)));
        List<Diagnostic> all = new ArrayList<>(result.errors());
        all.addAll(findings.all());
        return all;
    }
}
