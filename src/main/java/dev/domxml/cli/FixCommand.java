package dev.domxml.cli;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import com.github.difflib.patch.Patch;
import dev.domxml.fix.CommandLineFixer;
import dev.domxml.fix.DomainFixer;
import dev.domxml.fix.FixOptions;
import dev.domxml.fix.FixResult;
import dev.domxml.qemu.ArgsLint;
import dev.domxml.report.Diagnostic;
import dev.domxml.xml.DomainReader;
import dev.domxml.xml.InputException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
        name = "fix",
        mixinStandardHelpOptions = true,
        description = {
            "Gives every disk the I/O thread it should have: each SCSI disk on a virtio-scsi controller of its own",
            "with an iothread, an iothread on each virtio-blk disk, <iothreads> kept consistent. Edits the document",
            "in place: comments, order and layout of everything else stay as written. A QEMU command line (told",
            "apart by content) is fixed the same way and comes out in its own style (-drive/-device or JSON)."},
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {"0:done (or nothing to fix)", "1:--check and the file needs fixing, or libvirt refuses the"
                + " domain for another reason", "2:usage error or unreadable input"})
final class FixCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @ArgGroup(exclusive = true)
    Mode mode = new Mode();

    static final class Mode {
        @Option(names = "--diff", description = "Print a unified diff instead of the document.")
        boolean diff;

        @Option(names = "--in-place", description = "Replace the file (atomically; its mode is kept).")
        boolean inPlace;

        @Option(names = "--check", description = "Change nothing; exit 1 when the file would change.")
        boolean check;
    }

    @Option(names = "--iothreads", defaultValue = "per-disk", paramLabel = "per-disk|N",
            description = "per-disk: one I/O thread per disk (default); N: spread the disks over N threads.")
    String iothreads;

    @Option(names = "--convert-emulated",
            description = "Also turn emulated SCSI controllers (lsilogic, megasas, ...) into virtio-scsi. The guest"
                    + " needs the virtio-scsi driver.")
    boolean convertEmulated;

    @Mixin
    ConnectionOptions connection;

    @Parameters(paramLabel = "FILE", arity = "0..1",
            description = "Domain XML or QEMU command-line file (or --domain NAME: with --in-place, libvirt's definition"
                    + " is replaced).")
    Path file;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        OptionalInt pool = OptionalInt.empty();
        if (!iothreads.equals("per-disk")) {
            try {
                pool = OptionalInt.of(Integer.parseInt(iothreads));
            } catch (NumberFormatException e) {
                pool = OptionalInt.of(0);
            }
            if (pool.getAsInt() < 1 || pool.getAsInt() > 1024) {
                err.println("domxml fix: --iothreads must be per-disk or a number from 1 to 1024, not '" + iothreads + "'");
                return ExitStatus.USAGE;
            }
        }
        if (file != null == connection.hasDomain() || !connection.hasDomain() && !connection.connect.isEmpty()) {
            err.println("domxml fix: give a FILE, or --domain NAME (and --connect URI) in place of one");
            return ExitStatus.USAGE;
        }
        String uri = connection.hasDomain() ? connection.singleUri("fix", err) : null;
        if (connection.hasDomain() && uri == null) {
            return ExitStatus.USAGE;
        }
        if (file != null && PveCli.isConfig(file)) {
            return PveCli.fix(file, mode.diff, mode.inPlace, mode.check, out, err);
        }
        String name = file != null ? file.toString() : dev.domxml.libvirt.DomainSource.Fetched.label(uri, connection.domain);
        FixResult result;
        FixOptions fixOptions = new FixOptions(pool, convertEmulated);
        try {
            byte[] content = file != null ? DomainReader.readBytes(file)
                    : connection.fetch(uri).xml().getBytes(StandardCharsets.UTF_8);
            result = ArgsLint.looksLikeXml(content)
                    ? DomainFixer.fix(DomainReader.readEditable(content, name), fixOptions)
                    : CommandLineFixer.fix(new String(content, StandardCharsets.UTF_8), name, fixOptions);
        } catch (CommandLineFixer.FixRefused e) {
            err.println(name + ": not fixed: " + e.getMessage());
            return ExitStatus.FINDINGS;
        } catch (InputException e) {
            err.println(e.oneLine());
            return ExitStatus.USAGE;
        } catch (DomainFixer.NotFixable e) {
            return refused(name, e, "not fixed", err);
        }
        return deliver(name, result, mode.diff, mode.inPlace, mode.check, out, err,
                fixed -> file != null ? write(file, fixed, err) : ConnectionOptions.redefine(uri, fixed, out, err));
    }

    /** Where --in-place puts a changed document: a file, or libvirt's definition. */
    @FunctionalInterface
    interface InPlace {
        int replace(String fixed);
    }

    /**
     * What every fix (XML, command line, Proxmox config) does with its result: the changes on stderr,
     * then the document, its unified diff, a --check verdict, or the replaced original.
     */
    static int deliver(String name, FixResult result, boolean diff, boolean inPlace, boolean check, PrintWriter out,
            PrintWriter err, InPlace target) {
        for (String change : result.changes()) {
            err.println(name + ": " + change);
        }
        if (check) {
            return result.changed() ? ExitStatus.FINDINGS : ExitStatus.OK;
        }
        if (diff) {
            out.print(unifiedDiff(name, result));
            return ExitStatus.OK;
        }
        if (inPlace) {
            return result.changed() ? target.replace(result.fixed()) : ExitStatus.OK;
        }
        out.print(result.fixed());
        out.flush();
        return ExitStatus.OK;
    }

    /** Writes atomically; on failure the original stays as it was, and the message says so. */
    static int write(Path file, String fixed, PrintWriter err) {
        try {
            AtomicFiles.write(file, fixed);
            return ExitStatus.OK;
        } catch (IOException e) {
            err.println(file + ": error: cannot write: " + e.getMessage() + " (the file is unchanged)");
            return ExitStatus.USAGE;
        }
    }

    /** A domain libvirt refuses for another reason: each reason, then what was not done ("not fixed"). */
    static int refused(String name, DomainFixer.NotFixable e, String notDone, PrintWriter err) {
        for (Diagnostic reason : e.reasons()) {
            err.println(reason.format(name));
        }
        err.println(name + ": " + notDone + ": libvirt refuses this domain for the reasons above");
        return ExitStatus.FINDINGS;
    }

    static String unifiedDiff(String name, FixResult result) {
        List<String> before = lines(result.original());
        List<String> after = lines(result.fixed());
        Patch<String> patch = DiffUtils.diff(before, after);
        if (patch.getDeltas().isEmpty()) {
            return "";
        }
        List<String> diff = UnifiedDiffUtils.generateUnifiedDiff("a/" + name, "b/" + name, before, patch, 3);
        return String.join("\n", diff) + "\n";
    }

    private static List<String> lines(String text) {
        return Arrays.asList(text.split("\n", -1));
    }
}
