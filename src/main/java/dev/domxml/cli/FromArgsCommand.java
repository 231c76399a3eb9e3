package dev.domxml.cli;

import dev.domxml.fromargs.FromArgs;
import dev.domxml.report.Diagnostic;
import dev.domxml.report.SourcePosition;
import dev.domxml.xml.DomainReader;
import dev.domxml.xml.InputException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
        name = "from-args",
        mixinStandardHelpOptions = true,
        description = {
            "Turns a QEMU/KVM command line (libvirt's, Proxmox VE's, or hand-written; pasted text with line",
            "wraps too) into domain XML that libvirt accepts. Warnings (FILE:LINE:COL) go to stderr: options",
            "the model has no place for, assumptions made, wrapped lines that were joined."},
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {"0:domain XML written (warnings or not)", "2:usage error, or a command line that cannot be read"})
final class FromArgsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write the XML to FILE instead of stdout.")
    Path output;

    @Parameters(paramLabel = "FILE", arity = "1", description = "A file holding the command line, or - for stdin.")
    String input;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        String name = input.equals("-") ? "<stdin>" : input;
        FromArgs.Result result;
        try {
            result = FromArgs.convert(read(input), name);
        } catch (InputException e) {
            err.println(e.oneLine());
            return ExitStatus.USAGE;
        }
        return emit(name, result.xml(), result.warnings(), output, out, err);
    }

    /** Domain XML made from another input: its warnings on stderr, the XML on stdout or into a file, atomically. */
    static int emit(String name, String xml, List<Diagnostic> warnings, Path output, PrintWriter out, PrintWriter err) {
        for (Diagnostic warning : warnings) {
            err.println(warning.format(name));
        }
        if (output == null) {
            out.print(xml);
            out.flush();
            return ExitStatus.OK;
        }
        try {
            AtomicFiles.write(output, xml);
            return ExitStatus.OK;
        } catch (IOException e) {
            err.println(output + ": error: cannot write: " + e.getMessage());
            return ExitStatus.USAGE;
        }
    }

    /** The text of a command-line file or stdin, with the one-line errors users expect. */
    static String read(String input) throws InputException {
        if (input.equals("-")) {
            return text(DomainReader.readLimited(System.in, "<stdin>"));
        }
        Path file = Path.of(input);
        if (Files.isDirectory(file)) {
            throw new InputException(SourcePosition.ofFile(input), "is a directory, not a command-line file");
        }
        return text(DomainReader.readBytes(file));
    }

    /** UTF-8, without a byte order mark. */
    private static String text(byte[] bytes) {
        String text = new String(bytes, StandardCharsets.UTF_8);
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }
}
