package dev.domxml.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code domxml}: libvirt domain XML and QEMU command lines, read into one model, linted, converted. */
@Command(
        name = "domxml",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Reads libvirt domain XML into QEMU's model, lints it and writes QEMU command lines.",
        subcommands = {ToArgsCommand.class, FromArgsCommand.class, FromPveCommand.class, LintCommand.class, FixCommand.class, DefineCommand.class, DumpCommand.class, RulesCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing command: try 'domxml --help'");
    }

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the CLI with the given streams and returns the exit status (0 ok, 1 findings, 2 bad input). */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new Main());
        cli.setOut(out);
        cli.setErr(err);
        cli.setParameterExceptionHandler((ex, a) -> {
            err.println("domxml: " + ex.getMessage());
            return ExitStatus.USAGE;
        });
        cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            err.println("domxml: internal error: " + ex + " (a bug in domxml; DOMXML_DEBUG=1 prints where)");
            if (System.getenv("DOMXML_DEBUG") != null) {
                ex.printStackTrace(err);
            }
            return ExitStatus.INTERNAL;
        });
        int status = cli.execute(args);
        out.flush();
        err.flush();
        return status;
    }
}
