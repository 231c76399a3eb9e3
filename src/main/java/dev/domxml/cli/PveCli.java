package dev.domxml.cli;

import dev.domxml.args.ArgsOptions;
import dev.domxml.args.ArgsStyle;
import dev.domxml.args.ArgsWriter;
import dev.domxml.args.CommandLine;
import dev.domxml.args.OutputFormat;
import dev.domxml.fix.FixResult;
import dev.domxml.lint.Linter;
import dev.domxml.pve.PveArgs;
import dev.domxml.pve.PveConfig;
import dev.domxml.pve.PveConfigReader;
import dev.domxml.pve.PveConvert;
import dev.domxml.pve.PveFixer;
import dev.domxml.pve.PveLint;
import dev.domxml.pve.PveStorage;
import dev.domxml.report.Diagnostic;
import dev.domxml.xml.DomainReader;
import dev.domxml.xml.InputException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The Proxmox VE config branch of lint, to-args and fix: each command asks {@link #isConfig} and hands a
 * config over here, so that the commands themselves only gain one dispatch line each.
 */
final class PveCli {
    private PveCli() {}

    /** A Proxmox VE VM config rather than domain XML or a QEMU command line (by content and .conf name). */
    static boolean isConfig(byte[] content, String fileName) {
        return PveConfigReader.looksLikeConfig(content, fileName);
    }

    static boolean isConfig(Path file) {
        try {
            return isConfig(DomainReader.readBytes(file), file.toString());
        } catch (InputException e) {
            return false; // the command's own reader reports what is wrong with the file
        }
    }

    static String text(Path file) throws InputException {
        String text = new String(DomainReader.readBytes(file), StandardCharsets.UTF_8);
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    static Linter.Report lint(byte[] content, String fileName, PveOptions options) {
        try {
            PveStorage storage = options.storage();
            PveConfig config = PveConfigReader.read(new String(content, StandardCharsets.UTF_8), fileName);
            return new Linter.Report(fileName, PveLint.lint(config, storage), false);
        } catch (InputException e) {
            return new Linter.Report(e.position().file(), List.of(new Diagnostic(dev.domxml.report.Severity.ERROR,
                    Linter.PARSE_RULE_ID, e.getMessage(), Optional.of(e.position()))), true);
        }
    }

    /** legacy: the line qemu-server writes; libvirt: the line libvirt builds from the config's domain XML. */
    static int toArgs(Path file, ArgsStyle style, ArgsOptions argsOptions, OutputFormat format, PveOptions options,
            Optional<Path> outDir, PrintWriter out, PrintWriter err) {
        String name = file.toString();
        String text;
        try {
            PveStorage storage = options.storage();
            PveConfig config = PveConfigReader.read(text(file), name);
            CommandLine line;
            if (style == ArgsStyle.LEGACY) {
                PveArgs.Generated generated = PveArgs.generate(config, storage);
                generated.notes().forEach(n -> err.println(n.format(name)));
                line = generated.commandLine();
            } else {
                PveConvert.Xml xml = PveConvert.toXml(config, storage);
                xml.warnings().stream().filter(w -> w.ruleId().equals(PveArgs.NOTE)).forEach(w -> err.println(w.format(name)));
                line = ArgsWriter.forStyle(ArgsStyle.LIBVIRT).write(PveConvert.libvirtModel(xml, name), argsOptions);
            }
            text = format.render(line);
        } catch (InputException e) {
            err.println(e.oneLine());
            return ExitStatus.USAGE;
        }
        if (outDir.isEmpty()) {
            out.println(text);
            return ExitStatus.OK;
        }
        Path target = outDir.get().resolve(file.getFileName().toString().replaceFirst("\\.conf$", "") + ".args");
        try {
            AtomicFiles.write(target, text + "\n");
            return ExitStatus.OK;
        } catch (IOException e) {
            err.println(target + ": error: cannot write: " + e.getMessage());
            return ExitStatus.USAGE;
        }
    }

    /** fix on a config: prints it, its diff, checks it or replaces it atomically, as fix does for XML. */
    static int fix(Path file, boolean diff, boolean inPlace, boolean check, PrintWriter out, PrintWriter err) {
        String name = file.toString();
        FixResult result;
        try {
            result = PveFixer.fix(text(file), name);
        } catch (InputException e) {
            err.println(e.oneLine());
            return ExitStatus.USAGE;
        }
        return FixCommand.deliver(name, result, diff, inPlace, check, out, err, fixed -> FixCommand.write(file, fixed, err));
    }
}
