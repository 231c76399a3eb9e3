package dev.domxml.cli;

import dev.domxml.args.ArgsOptions;
import dev.domxml.args.ArgsStyle;
import dev.domxml.args.ArgsWriter;
import dev.domxml.args.OutputFormat;
import dev.domxml.rules.DomainMapper;
import dev.domxml.rules.HostCapabilities;
import dev.domxml.xml.DomainDocument;
import dev.domxml.xml.DomainReader;
import dev.domxml.xml.InputException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
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
    BatchOptions batch;

    @Mixin
    PveOptions pve;

    @Mixin
    HostOptions hostOptions;

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
        HostCapabilities host = hostOptions.host();
        int[] status = {ExitStatus.OK};
        Batch.forEach(files, batch.threads(files.size()), file -> convert(file, argsStyle, writer, options, outputFormat, host), converted -> {
            converted.output().ifPresent(out::println);
            converted.errors().forEach(err::println);
            status[0] = Math.max(status[0], converted.status());
        });
        return status[0];
    }

    /** What converting one file gave: the command line (unless written to --out-dir) or the errors. */
    private record Converted(int status, Optional<String> output, List<String> errors) {
        static Converted failed(int status, List<String> errors) {
            return new Converted(status, Optional.empty(), errors);
        }
    }

    private Converted convert(Path file, ArgsStyle argsStyle, ArgsWriter writer, ArgsOptions options,
            OutputFormat outputFormat, HostCapabilities host) {
        DomainDocument document;
        try {
            byte[] content = DomainReader.readBytes(file); // once: sniffing the kind must not cost a second read
            if (PveCli.isConfig(content, file.toString())) {
                return convertPveConfig(file, argsStyle, options, outputFormat);
            }
            document = DomainReader.read(content, file.toString());
        } catch (InputException e) {
            return Converted.failed(ExitStatus.USAGE, List.of(e.oneLine()));
        }
        DomainMapper.Result result = DomainMapper.map(document, host);
        if (!result.accepted()) {
            return Converted.failed(ExitStatus.FINDINGS,
                    result.errors().stream().map(error -> error.format(file.toString())).toList());
        }
        String text = outputFormat.render(writer.write(result.model().get(), options));
        if (outDir == null) {
            return new Converted(ExitStatus.OK, Optional.of(text), List.of());
        }
        Path target = outDir.resolve(file.getFileName().toString().replaceFirst("\\.xml$", "") + ".args");
        try {
            AtomicFiles.write(target, text + "\n");
            return new Converted(ExitStatus.OK, Optional.empty(), List.of());
        } catch (IOException e) {
            return Converted.failed(ExitStatus.USAGE, List.of(target + ": error: cannot write: " + e.getMessage()));
        }
    }

    /** A Proxmox VE config, through qemu-server's rules; what PveCli prints is kept for the ordered output. */
    private Converted convertPveConfig(Path file, ArgsStyle argsStyle, ArgsOptions options, OutputFormat outputFormat) {
        StringWriter printed = new StringWriter();
        StringWriter errors = new StringWriter();
        int status;
        try (PrintWriter out = new PrintWriter(printed); PrintWriter err = new PrintWriter(errors)) {
            status = PveCli.toArgs(file, argsStyle, options, outputFormat, pve,
                    Optional.ofNullable(outDir), out, err);
        }
        String text = printed.toString().stripTrailing();
        return new Converted(status, text.isEmpty() ? Optional.empty() : Optional.of(text),
                errors.toString().lines().toList());
    }
}
