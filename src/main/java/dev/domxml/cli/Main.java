package dev.domxml.cli;

import dev.domxml.lint.SchemaValidator;
import dev.domxml.xml.DomainReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code domxml}: libvirt domain XML and QEMU command lines, read into one model, linted, converted. */
@Command(
        name = "domxml",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Reads libvirt domain XML into QEMU's model, lints it and writes QEMU command lines.")
public final class Main implements Runnable {
    /** The subcommands, in the order help lists them. */
    private static final List<Class<?>> COMMANDS = List.of(ToArgsCommand.class, FromArgsCommand.class,
            FromPveCommand.class, LintCommand.class, FixCommand.class, DefineCommand.class, DumpCommand.class,
            RulesCommand.class, CommandLine.HelpCommand.class);

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing command: try 'domxml --help'");
    }

    public static void main(String[] args) {
        warmUp(args);
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /**
     * Builds the JAXB context (about 100 ms) and, for lint, compiles the default schema on a second
     * core while picocli parses the command line and the input is read: a single-file run starts
     * sooner. Both are lazily initialised holders, so a command that needs one just waits for it.
     */
    private static void warmUp(String[] args) {
        if (args.length == 0 || !Set.of("to-args", "lint", "fix", "define").contains(args[0])) {
            return;
        }
        boolean schema = (args[0].equals("lint") || args[0].equals("define"))
                && Arrays.stream(args).noneMatch(a -> a.startsWith("--schema") || a.equals("--no-schema"));
        Thread warm = new Thread(() -> {
            try {
                DomainReader.context();
                if (schema) {
                    SchemaValidator.load(Optional.empty());
                }
            } catch (IOException | RuntimeException ignored) {
                // the command itself meets the same failure and reports it
            }
        }, "domxml-warm-up");
        warm.setDaemon(true);
        warm.start();
    }

    /**
     * Picocli reflects over every option of every registered command before parsing (~60 ms of a cold
     * start): a run that names its command registers only that one; help, errors and the rest get all.
     */
    private static List<Class<?>> commandsFor(String[] args) {
        if (args.length > 0) {
            for (Class<?> command : COMMANDS) {
                Command names = command.getAnnotation(Command.class);
                if (command != CommandLine.HelpCommand.class
                        && (names.name().equals(args[0]) || Arrays.asList(names.aliases()).contains(args[0]))) {
                    return List.of(command);
                }
            }
        }
        return COMMANDS;
    }

    /** Runs the CLI with the given streams and returns the exit status (0 ok, 1 findings, 2 bad input). */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new Main());
        for (Class<?> command : commandsFor(args)) {
            cli.addSubcommand(new CommandLine(command));
        }
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
