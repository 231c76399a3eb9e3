package dev.domxml.cli;

import dev.domxml.lint.Linter;
import dev.domxml.rules.HostCapabilities;
import dev.domxml.lint.ReportFormat;
import dev.domxml.lint.SchemaValidator;
import dev.domxml.qemu.ArgsLint;
import dev.domxml.report.Diagnostic;
import dev.domxml.report.Severity;
import dev.domxml.rules.Rule;
import dev.domxml.rules.RuleCatalog;
import dev.domxml.xml.DomainReader;
import dev.domxml.xml.InputException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
        name = "lint",
        mixinStandardHelpOptions = true,
        description = {
            "Checks domain XML files: libvirt's schema, everything libvirt refuses, and settings that silently",
            "cost I/O performance (iothreads, SCSI controllers, cache modes). 'domxml rules' lists the rules.",
            "A QEMU command line (libvirt's, Proxmox VE's, hand-written) gets the I/O advice rules too."},
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {"0:nothing at or above --fail-on", "1:findings at or above --fail-on",
            "2:usage error, or an input that could not be read or parsed"})
final class LintCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--format", defaultValue = "text", paramLabel = "text|json|sarif",
            description = "text: FILE:LINE:COL: SEVERITY: message [rule] (default); json; sarif (SARIF 2.1.0).")
    String format;

    @Option(names = "--fail-on", defaultValue = "error", paramLabel = "error|warning|info",
            description = "Lowest severity that makes the exit status 1 (default: error).")
    String failOn;

    @Option(names = "--schema-dir", paramLabel = "DIR",
            description = "Folder holding libvirt's domain.rng (default: /usr/share/libvirt/schemas, else domxml's own).")
    Path schemaDir;

    @Option(names = "--no-schema", description = "Skip schema validation.")
    boolean noSchema;

    @Option(names = "--explain", paramLabel = "RULE", description = "Print what a rule checks, why, and examples.")
    String explain;

    @Option(names = "--input", paramLabel = "xml|args|pve", description = "What the inputs are: domain XML, a QEMU command"
            + " line or a Proxmox VE VM config (default: told apart by content; XML starts with '<', a config is"
            + " 'key: value' lines or a .conf file).")
    String inputKind;

    @Mixin
    ConnectionOptions connection;

    @Mixin
    BatchOptions batch;

    @Mixin
    PveOptions pve;

    @Mixin
    HostOptions hostOptions;

    @Option(names = "--all", description = "Lint every defined and running domain of each --connect URI (reported as"
            + " URI/NAME; an unreachable host is an error finding and the run goes on).")
    boolean all;

    @Parameters(paramLabel = "FILE", arity = "0..*", description = "Domain XML files, directories (*.xml, recursively) or - for stdin.")
    List<Path> inputs = new ArrayList<>();

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (explain != null) {
            return explain(explain, out, err);
        }
        Optional<ReportFormat> reportFormat = ReportFormat.parse(format);
        Optional<Severity> threshold = severity(failOn);
        if (reportFormat.isEmpty() || threshold.isEmpty()) {
            err.println("domxml lint: unknown " + (reportFormat.isEmpty() ? "--format '" + format : "--fail-on '" + failOn) + "'");
            return ExitStatus.USAGE;
        }
        boolean fromLibvirt = all || connection.hasDomain();
        if (all && connection.hasDomain() || !fromLibvirt && !connection.connect.isEmpty()) {
            err.println("domxml lint: --connect needs either --domain NAME or --all");
            return ExitStatus.USAGE;
        }
        if (inputs.isEmpty() && !fromLibvirt) {
            err.println("domxml lint: no input: give FILE, DIR or -");
            return ExitStatus.USAGE;
        }
        Optional<SchemaValidator> schema = Optional.empty();
        if (!noSchema) {
            try {
                schema = Optional.of(SchemaValidator.load(Optional.ofNullable(schemaDir)));
            } catch (IOException e) {
                err.println("domxml lint: " + e.getMessage());
                return ExitStatus.USAGE;
            }
        }
        if (inputKind != null && !inputKind.equals("xml") && !inputKind.equals("args") && !inputKind.equals("pve")) {
            err.println("domxml lint: unknown --input '" + inputKind + "': use xml, args or pve");
            return ExitStatus.USAGE;
        }
        Linter linter = new Linter(schema, hostOptions.host());
        List<Source> work = new ArrayList<>();
        for (Path input : inputs) {
            if (input.toString().equals("-")) {
                work.add(new Stdin());
                continue;
            }
            try {
                InputFiles.expand(List.of(input)).forEach(file -> work.add(new File(file)));
            } catch (InputException e) {
                work.add(new Unlisted(e));
            }
        }
        ReportFormat.ReportWriter writer = reportFormat.get().open(new VersionProvider().getVersion()[0], out);
        Outcome outcome = new Outcome(threshold.get());
        Batch.forEach(work, batch.threads(work.size()), item -> lintOne(linter, item), report -> {
            writer.add(report);
            outcome.add(report);
        });
        if (fromLibvirt) {
            // a defined domain was accepted by its own host, whichever machine this is
            FleetLint.lint(connection.uris(), Optional.ofNullable(connection.domain), linter.forHost(HostCapabilities.ANY), err).forEach(report -> {
                writer.add(report);
                outcome.add(report);
            });
        }
        writer.finish();
        return outcome.status();
    }

    /** The exit status of a run, kept as reports stream past. */
    private static final class Outcome {
        private final Severity threshold;
        private boolean unreadable;
        private boolean failing;

        Outcome(Severity threshold) {
            this.threshold = threshold;
        }

        void add(Linter.Report report) {
            unreadable |= report.unreadable();
            failing |= report.findings().stream().anyMatch(d -> d.severity().compareTo(threshold) >= 0);
        }

        int status() {
            return unreadable ? ExitStatus.USAGE : failing ? ExitStatus.FINDINGS : ExitStatus.OK;
        }
    }

    /** One thing to lint; a folder that could not be listed is reported in its place. */
    private sealed interface Source {}

    private record File(Path path) implements Source {}

    private record Stdin() implements Source {}

    private record Unlisted(InputException error) implements Source {}

    private Linter.Report lintOne(Linter linter, Source source) {
        if (source instanceof Stdin) {
            return lintStdin(linter);
        }
        if (source instanceof Unlisted unlisted) {
            return unreadable(unlisted.error());
        }
        Path path = ((File) source).path();
        try {
            return lint(linter, DomainReader.readBytes(path), path.toString());
        } catch (InputException e) {
            return unreadable(e);
        }
    }

    /** Domain XML through the linter; a command line through its reader and the model rules. */
    private Linter.Report lint(Linter linter, byte[] content, String fileName) {
        if (inputKind != null ? inputKind.equals("pve") : PveCli.isConfig(content, fileName)) {
            return PveCli.lint(content, fileName, pve);
        }
        boolean args = inputKind != null ? inputKind.equals("args") : !ArgsLint.looksLikeXml(content);
        if (!args) {
            return linter.lint(content, fileName);
        }
        try {
            return new Linter.Report(fileName, ArgsLint.lint(new String(content, StandardCharsets.UTF_8), fileName), false);
        } catch (InputException e) {
            return unreadable(e);
        }
    }

    private Linter.Report lintStdin(Linter linter) {
        try {
            return lint(linter, DomainReader.readLimited(System.in, "<stdin>"), "<stdin>");
        } catch (InputException e) {
            return unreadable(e);
        }
    }

    private static Linter.Report unreadable(InputException e) {
        return new Linter.Report(e.position().file(), List.of(new Diagnostic(Severity.ERROR, Linter.PARSE_RULE_ID,
                e.getMessage(), Optional.of(e.position()))), true);
    }

    private static Optional<Severity> severity(String value) {
        try {
            return Optional.of(Severity.valueOf(value.toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static int explain(String id, PrintWriter out, PrintWriter err) {
        Optional<Rule> rule = RuleCatalog.byId(id);
        if (rule.isEmpty()) {
            err.println("domxml lint: no rule '" + id + "'; 'domxml rules' lists them");
            return ExitStatus.USAGE;
        }
        var info = rule.get().info();
        out.println(info.id() + " (" + info.severity().label() + (info.fixable() ? ", fixable by domxml fix" : "") + ")");
        out.println("  " + info.title());
        out.println();
        out.println(wrap(info.rationale(), "  "));
        out.println();
        out.println("Bad:");
        out.println(indent(info.badExample()));
        out.println("Good:");
        out.println(indent(info.goodExample()));
        return ExitStatus.OK;
    }

    private static String indent(String text) {
        return "  " + text.strip().replace("\n", "\n  ");
    }

    static String wrap(String text, String prefix) {
        StringBuilder out = new StringBuilder(prefix);
        int column = prefix.length();
        for (String word : text.split("\\s+")) {
            if (column + word.length() + 1 > 100 && column > prefix.length()) {
                out.append('\n').append(prefix);
                column = prefix.length();
            } else if (column > prefix.length()) {
                out.append(' ');
                column++;
            }
            out.append(word);
            column += word.length();
        }
        return out.toString();
    }
}
