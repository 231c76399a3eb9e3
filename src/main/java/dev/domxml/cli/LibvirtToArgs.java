package dev.domxml.cli;

import dev.domxml.args.ArgsOptions;
import dev.domxml.args.ArgsStyle;
import dev.domxml.args.ArgsWriter;
import dev.domxml.args.ArgvComparison;
import dev.domxml.args.OutputFormat;
import dev.domxml.libvirt.DomainSource;
import dev.domxml.libvirt.LibvirtConnection;
import dev.domxml.libvirt.LibvirtError;
import dev.domxml.report.Diagnostic;
import dev.domxml.rules.DomainMapper;
import dev.domxml.rules.HostCapabilities;
import dev.domxml.xml.DomainReader;
import dev.domxml.xml.InputException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The libvirt side of {@code to-args}: {@code --connect URI --domain NAME} in place of a file, and
 * {@code --compare-with URI}, which asks that libvirt for its own command line and prints the difference.
 */
final class LibvirtToArgs {
    private LibvirtToArgs() {}

    static int run(ToArgsCommand c, ArgsStyle style, OutputFormat format, PrintWriter out, PrintWriter err) {
        ConnectionOptions connection = c.connection;
        if (!connection.hasDomain() && !connection.connect.isEmpty()) {
            err.println("domxml to-args: --connect needs --domain NAME (to compare a FILE with libvirt use --compare-with URI)");
            return ExitStatus.USAGE;
        }
        if (connection.hasDomain() && !c.inputs.isEmpty()) {
            err.println("domxml to-args: give FILE or --domain NAME, not both");
            return ExitStatus.USAGE;
        }
        if (!connection.hasDomain() && c.inputs.size() != 1) {
            err.println("domxml to-args: --compare-with takes one FILE (or --domain NAME)");
            return ExitStatus.USAGE;
        }
        if (c.compareWith != null && style != ArgsStyle.LIBVIRT) {
            err.println("domxml to-args: --compare-with compares libvirt's own style; leave out --style=" + c.style);
            return ExitStatus.USAGE;
        }
        String name;
        String domainName;
        byte[] content;
        try {
            if (connection.hasDomain()) {
                String uri = connection.singleUri("to-args", err);
                if (uri == null) {
                    return ExitStatus.USAGE;
                }
                DomainSource.Fetched fetched = connection.fetch(uri);
                name = fetched.label();
                domainName = fetched.name();
                content = fetched.xml().getBytes(StandardCharsets.UTF_8);
            } else {
                Path file = c.inputs.get(0);
                name = file.toString();
                domainName = file.getFileName().toString().replaceFirst("\\.xml$", "");
                content = DomainReader.readBytes(file);
            }
        } catch (InputException e) {
            err.println(e.oneLine());
            return ExitStatus.USAGE;
        }
        DomainMapper.Result result;
        try {
            // a domain fetched from libvirt is checked for its own host; a file for the host asked for
            result = DomainMapper.map(DomainReader.read(content, name), connection.hasDomain() ? HostCapabilities.ANY : c.hostOptions.host());
        } catch (InputException e) {
            err.println(e.oneLine());
            return ExitStatus.USAGE;
        }
        if (c.compareWith != null) {
            return compare(c.compareWith, name, content, result, out, err);
        }
        if (!result.accepted()) {
            result.errors().forEach(d -> err.println(d.format(name)));
            return ExitStatus.FINDINGS;
        }
        ArgsOptions options = new ArgsOptions(Optional.ofNullable(c.qmp).map(Path::toString), c.paused);
        String text = format.render(ArgsWriter.forStyle(style).write(result.model().get(), options));
        if (c.outDir == null) {
            out.println(text);
            return ExitStatus.OK;
        }
        Path target = c.outDir.resolve(domainName + ".args");
        try {
            Files.createDirectories(c.outDir);
            AtomicFiles.write(target, text + "\n");
            return ExitStatus.OK;
        } catch (IOException e) {
            err.println(target + ": error: cannot write: " + e.getMessage());
            return ExitStatus.USAGE;
        }
    }

    private static int compare(String uri, String name, byte[] content, DomainMapper.Result result, PrintWriter out,
            PrintWriter err) {
        String theirs = null;
        LibvirtError refusal = null;
        try (LibvirtConnection libvirt = LibvirtConnection.open(uri, false)) {
            theirs = libvirt.qemuArgv(new String(content, StandardCharsets.UTF_8));
        } catch (LibvirtError e) {
            if (e.kind() != LibvirtError.Kind.REFUSED) {
                err.println(e.oneLine());
                return ExitStatus.USAGE;
            }
            refusal = e;
        }
        if (!result.accepted()) {
            for (Diagnostic error : result.errors()) {
                err.println(error.format(name));
            }
            out.println(refusal != null
                    ? name + ": same verdict as libvirt at " + uri + ": refused (" + refusal.getMessage() + ")"
                    : name + ": differs from libvirt at " + uri + ": domxml refuses the domain (above), libvirt accepts it");
            return ExitStatus.FINDINGS;
        }
        if (refusal != null) {
            out.println(name + ": differs from libvirt at " + uri + ": libvirt refuses the domain, domxml accepts it: "
                    + refusal.getMessage());
            return ExitStatus.FINDINGS;
        }
        ArgvComparison comparison = ArgvComparison.compare(theirs,
                ArgsWriter.forStyle(ArgsStyle.LIBVIRT).write(result.model().get(), ArgsOptions.defaults()).argv());
        String compared = counts(comparison);
        if (comparison.same()) {
            out.println(name + ": no difference from libvirt at " + uri + " (" + compared + ")");
        } else {
            out.println(name + ": differs from libvirt at " + uri + " (" + compared + "):");
            out.print(comparison.unifiedDiff("libvirt (" + uri + ")", "domxml"));
        }
        if (!comparison.ignored().isEmpty()) {
            out.println("ignored, host-specific (domxml leaves them out on purpose): " + String.join(", ", comparison.ignored()));
        }
        out.flush();
        return comparison.same() ? ExitStatus.OK : ExitStatus.FINDINGS;
    }

    /** "2 -object iothread, 6 -blockdev, 5 -device compared" from libvirt's side. */
    private static String counts(ArgvComparison comparison) {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String kind : List.of("-object iothread", "-blockdev", "-drive", "-device")) {
            long n = comparison.libvirt().stream().filter(e -> kind.startsWith(e.option())).count();
            if (n > 0) {
                counts.put(kind, n);
            }
        }
        if (counts.isEmpty()) {
            return "no -object iothread, -blockdev or -device options";
        }
        return counts.entrySet().stream().map(e -> e.getValue() + " " + e.getKey()).collect(Collectors.joining(", "))
                + " compared";
    }
}
