package dev.domxml.cli;

import dev.domxml.libvirt.DomainSource;
import dev.domxml.libvirt.LibvirtConnection;
import dev.domxml.libvirt.LibvirtError;
import dev.domxml.report.SourcePosition;
import dev.domxml.xml.InputException;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * {@code --connect URI --domain NAME}: read a domain from libvirt in place of a file. Shared by
 * {@code to-args}, {@code lint} and {@code fix}; {@code lint} alone takes several {@code --connect}.
 */
final class ConnectionOptions {
    @Option(names = "--connect", paramLabel = "URI",
            description = "libvirt URI to read domains from (qemu:///system, qemu+ssh://HOST/system, test:///default;"
                    + " default: $LIBVIRT_DEFAULT_URI, else qemu:///system).")
    List<String> connect = new ArrayList<>();

    @Option(names = "--domain", paramLabel = "NAME", description = "Read domain NAME from libvirt instead of a FILE.")
    String domain;

    boolean hasDomain() {
        return domain != null;
    }

    /** The URIs given, or the default one. */
    List<String> uris() {
        return connect.isEmpty() ? List.of(LibvirtConnection.defaultUri()) : List.copyOf(connect);
    }

    /** The one URI of a command that reads one domain; null (after saying why) when several were given. */
    String singleUri(String command, java.io.PrintWriter err) {
        if (connect.size() > 1) {
            err.println("domxml " + command + ": give one --connect URI (several are for 'lint --all')");
            return null;
        }
        return uris().get(0);
    }

    /** Reads the domain's persistent XML from libvirt; failures become one-line input errors (exit 2). */
    DomainSource.Fetched fetch(String uri) throws InputException {
        try (LibvirtConnection connection = LibvirtConnection.open(uri, true)) {
            return new DomainSource(connection).byName(domain);
        } catch (LibvirtError e) {
            throw asInput(e);
        }
    }

    /** Replaces a domain's persistent definition (fix --in-place --domain NAME); it applies from the next start. */
    static int redefine(String uri, String xml, java.io.PrintWriter out, java.io.PrintWriter err) {
        try (LibvirtConnection connection = LibvirtConnection.open(uri, false)) {
            LibvirtConnection.Defined defined = connection.define(xml);
            out.println(defined.name() + " " + defined.uuid() + " redefined on " + uri + " (applies from the next start)");
            return ExitStatus.OK;
        } catch (LibvirtError e) {
            err.println(e.oneLine());
            return status(e);
        }
    }

    static InputException asInput(LibvirtError e) {
        return new InputException(SourcePosition.ofFile(e.kind() == LibvirtError.Kind.NO_LIBRARY ? "domxml" : e.uri()),
                e.getMessage(), e);
    }

    /** Exit status for a libvirt failure: 1 when libvirt refused the domain, 2 when it could not be asked. */
    static int status(LibvirtError e) {
        return e.kind() == LibvirtError.Kind.REFUSED ? ExitStatus.FINDINGS : ExitStatus.USAGE;
    }
}
