package dev.domxml.cli;

import dev.domxml.fromargs.FromArgs;
import dev.domxml.report.Diagnostic;
import dev.domxml.report.SourcePosition;
import dev.domxml.xml.InputException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
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
    /** Command lines are small; anything larger is not one. */
    static final long MAX_INPUT_BYTES = 16L * 1024 * 1024;

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
        for (Diagnostic warning : result.warnings()) {
            err.println(warning.format(name));
        }
        if (output == null) {
            out.print(result.xml());
            out.flush();
            return ExitStatus.OK;
        }
        try {
            AtomicFiles.write(output, result.xml());
            return ExitStatus.OK;
        } catch (IOException e) {
            err.println(output + ": error: cannot write: " + e.getMessage());
            return ExitStatus.USAGE;
        }
    }

    /** The text of a command-line file or stdin, with the one-line errors users expect. */
    static String read(String input) throws InputException {
        if (input.equals("-")) {
            try {
                return text(System.in, "<stdin>");
            } catch (IOException e) {
                throw new InputException(SourcePosition.ofFile("<stdin>"), "cannot read: " + e.getMessage());
            }
        }
        Path file = Path.of(input);
        try {
            if (Files.isDirectory(file)) {
                throw new InputException(SourcePosition.ofFile(input), "is a directory, not a command-line file");
            }
            try (InputStream in = Files.newInputStream(file)) {
                return text(in, input);
            }
        } catch (NoSuchFileException e) {
            throw new InputException(SourcePosition.ofFile(input), "no such file");
        } catch (AccessDeniedException e) {
            throw new InputException(SourcePosition.ofFile(input), "permission denied");
        } catch (IOException e) {
            throw new InputException(SourcePosition.ofFile(input), "cannot read: " + e.getMessage());
        }
    }

    private static String text(InputStream in, String name) throws IOException, InputException {
        byte[] bytes = in.readNBytes((int) MAX_INPUT_BYTES + 1);
        if (bytes.length > MAX_INPUT_BYTES) {
            throw new InputException(SourcePosition.ofFile(name), "larger than " + MAX_INPUT_BYTES / (1024 * 1024)
                    + " MiB: not a command line");
        }
        String text = new String(bytes, StandardCharsets.UTF_8);
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }
}
