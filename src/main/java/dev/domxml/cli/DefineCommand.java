package dev.domxml.cli;

import dev.domxml.fix.DomainFixer;
import dev.domxml.fix.FixOptions;
import dev.domxml.fix.FixResult;
import dev.domxml.libvirt.LibvirtConnection;
import dev.domxml.libvirt.LibvirtError;
import dev.domxml.lint.Linter;
import dev.domxml.lint.SchemaValidator;
import dev.domxml.report.Severity;
import dev.domxml.xml.DomainReader;
import dev.domxml.xml.InputException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
        name = "define",
        mixinStandardHelpOptions = true,
        description = {
            "Defines a domain in libvirt, after lint: a domain with errors (what libvirt refuses, schema) is not",
            "defined. --fix first gives every disk its I/O thread (as 'domxml fix'). Prints the name and UUID."},
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {"0:defined (and started with --start)", "1:lint errors, not fixable, or libvirt refused the"
                + " domain or could not start it", "2:usage error, unreadable input, libvirt unreachable or not installed"})
final class DefineCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--connect", paramLabel = "URI",
            description = "libvirt URI (default: $LIBVIRT_DEFAULT_URI, else qemu:///system).")
    String connect;

    @Option(names = "--fix", description = "Fix I/O thread placement first (one iothread per disk), as 'domxml fix'.")
    boolean fix;

    @Option(names = "--start", description = "Start the domain once it is defined.")
    boolean start;

    @Option(names = "--dry-run", description = "Lint (and fix) only; define nothing, connect to nothing.")
    boolean dryRun;

    @Parameters(paramLabel = "FILE", description = "Domain XML file.")
    Path file;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        String uri = connect != null ? connect : LibvirtConnection.defaultUri();
        String name = file.toString();
        byte[] content;
        try {
            content = DomainReader.readBytes(file);
            if (fix) {
                FixResult result = DomainFixer.fix(DomainReader.readEditable(content, name), FixOptions.perDisk());
                for (String change : result.changes()) {
                    err.println(name + ": " + change);
                }
                if (result.changed()) {
                    content = result.fixed().getBytes(StandardCharsets.UTF_8);
                    name = name + " (fixed)";
                }
            }
        } catch (InputException e) {
            err.println(e.oneLine());
            return ExitStatus.USAGE;
        } catch (DomainFixer.NotFixable e) {
            return FixCommand.refused(name, e, "not defined", err);
        }
        Linter.Report report;
        try {
            report = new Linter(Optional.of(SchemaValidator.load(Optional.empty()))).lint(content, name);
        } catch (IOException e) {
            err.println("domxml define: " + e.getMessage());
            return ExitStatus.USAGE;
        }
        report.findings().forEach(d -> err.println(d.format(report.file())));
        if (report.unreadable()) {
            return ExitStatus.USAGE;
        }
        long errors = report.findings().stream().filter(d -> d.severity() == Severity.ERROR).count();
        if (errors > 0) {
            err.println(name + ": not defined: lint found " + errors + (errors == 1 ? " error" : " errors") + " (above)");
            return ExitStatus.FINDINGS;
        }
        String xml = new String(content, StandardCharsets.UTF_8);
        if (dryRun) {
            out.println(name + ": lint passed; --dry-run: nothing defined on " + uri);
            return ExitStatus.OK;
        }
        try (LibvirtConnection connection = LibvirtConnection.open(uri, false)) {
            LibvirtConnection.Defined defined = connection.define(xml);
            out.println(defined.name() + " " + defined.uuid() + " defined on " + uri);
            if (start) {
                out.flush();
                connection.start(defined.name());
                out.println(defined.name() + " started");
            }
            return ExitStatus.OK;
        } catch (LibvirtError e) {
            err.println(e.oneLine());
            return ConnectionOptions.status(e);
        }
    }
}
