package dev.domxml.cli;

import dev.domxml.args.ArgsOptions;
import dev.domxml.args.ArgsStyle;
import dev.domxml.args.ArgsWriter;
import dev.domxml.args.OutputFormat;
import dev.domxml.report.Diagnostic;
import dev.domxml.rules.DomainMapper;
import dev.domxml.xml.DomainDocument;
import dev.domxml.xml.DomainReader;
import dev.domxml.xml.InputException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
        name = "to-args",
        mixinStandardHelpOptions = true,
        description = {
            "Writes the QEMU command line for a domain XML, as libvirt 9.0 would build it for QEMU 7.2.",
            "Refuses (exit 1) what libvirt refuses, naming the element at FILE:LINE:COL."},
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {"0:command line written", "1:libvirt would refuse the domain", "2:usage error or unreadable input"})
final class ToArgsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--style", defaultValue = "libvirt", paramLabel = "libvirt|legacy",
            description = "libvirt: -blockdev and JSON as libvirt writes them (default); legacy: -drive and key=value.")
    String style;

    @Option(names = "--format", defaultValue = "shell", paramLabel = "shell|lines|json",
            description = "shell: one quoted line (default); lines: one option per line; json: argv array.")
    String format;

    @Option(names = "--qmp", paramLabel = "PATH", description = "Add a QMP monitor on this UNIX socket.")
    Path qmp;

    @Option(names = "--paused", description = "Start the guest paused (-S), as libvirt does.")
    boolean paused;

    @Option(names = "--out-dir", paramLabel = "DIR", description = "Write NAME.args per input file into DIR.")
    Path outDir;

    @Mixin
    ConnectionOptions connection;

    @Mixin
    PveOptions pve;

    @Option(names = "--compare-with", paramLabel = "URI",
            description = "Ask this libvirt for its own command line (domxml-to-native) and print the difference to"
                    + " domxml's in -object iothread, -blockdev and -device options (exit 1 when they differ).")
    String compareWith;

    @Parameters(paramLabel = "FILE", arity = "0..*", description = "Domain XML files or directories of them.")
    List<Path> inputs = new ArrayList<>();

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ArgsStyle argsStyle;
        OutputFormat outputFormat;
        try {
            argsStyle = ArgsStyle.valueOf(style.toUpperCase(java.util.Locale.ROOT));
            outputFormat = OutputFormat.valueOf(format.toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            err.println("domxml to-args: unknown --style or --format value");
            return ExitStatus.USAGE;
        }
        if (connection.hasDomain() || compareWith != null || !connection.connect.isEmpty()) {
            return LibvirtToArgs.run(this, argsStyle, outputFormat, out, err);
        }
        if (inputs.isEmpty()) {
            err.println("domxml to-args: no input: give FILE, or --domain NAME");
            return ExitStatus.USAGE;
        }
        List<Path> files;
        try {
            files = InputFiles.expand(inputs);
        } catch (InputException e) {
            err.println(e.oneLine());
            return ExitStatus.USAGE;
        }
        if (files.size() != 1 && outDir == null) {
            err.println("domxml to-args: " + files.size() + " domains given; use --out-dir DIR to write one NAME.args each");
            return ExitStatus.USAGE;
        }
        if (outDir != null) {
            try {
                Files.createDirectories(outDir);
            } catch (IOException e) {
                err.println(outDir + ": error: cannot create output directory: " + e.getMessage());
                return ExitStatus.USAGE;
            }
        }
        ArgsWriter writer = ArgsWriter.forStyle(argsStyle);
        ArgsOptions options = new ArgsOptions(Optional.ofNullable(qmp).map(Path::toString), paused);
        int status = ExitStatus.OK;
        for (Path file : files) {
            status = Math.max(status, convert(file, writer, options, outputFormat, out, err));
        }
        return status;
    }

    private int convert(Path file, ArgsWriter writer, ArgsOptions options, OutputFormat outputFormat,
            PrintWriter out, PrintWriter err) {
        if (PveCli.isConfig(file)) {
            return PveCli.toArgs(file, ArgsStyle.valueOf(style.toUpperCase(java.util.Locale.ROOT)), options,
                    outputFormat, pve, Optional.ofNullable(outDir), out, err);
        }
        DomainDocument document;
        try {
            document = DomainReader.read(file);
        } catch (InputException e) {
            err.println(e.oneLine());
            return ExitStatus.USAGE;
        }
        DomainMapper.Result result = DomainMapper.map(document);
        if (!result.accepted()) {
            for (Diagnostic error : result.errors()) {
                err.println(error.format(file.toString()));
            }
            return ExitStatus.FINDINGS;
        }
        String text = outputFormat.render(writer.write(result.model().get(), options));
        if (outDir == null) {
            out.println(text);
            return ExitStatus.OK;
        }
        String name = file.getFileName().toString().replaceFirst("\\.xml$", "") + ".args";
        try {
            AtomicFiles.write(outDir.resolve(name), text + "\n");
            return ExitStatus.OK;
        } catch (IOException e) {
            err.println(outDir.resolve(name) + ": error: cannot write: " + e.getMessage());
            return ExitStatus.USAGE;
        }
    }
}
