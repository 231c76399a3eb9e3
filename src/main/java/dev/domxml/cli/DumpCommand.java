package dev.domxml.cli;

import dev.domxml.libvirt.LibvirtConnection;
import dev.domxml.libvirt.LibvirtError;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
        name = "dump",
        mixinStandardHelpOptions = true,
        description = "Prints libvirt's XML of a domain (as virsh dumpxml): what runs now, or with --inactive its"
                + " persistent definition.",
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {"0:printed", "2:no such domain, libvirt unreachable or not installed, or usage error"})
final class DumpCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--connect", paramLabel = "URI",
            description = "libvirt URI (default: $LIBVIRT_DEFAULT_URI, else qemu:///system).")
    String connect;

    @Option(names = "--inactive", description = "The persistent definition (what the next start uses).")
    boolean inactive;

    @Parameters(paramLabel = "NAME", description = "Domain name.")
    String name;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        String uri = connect != null ? connect : LibvirtConnection.defaultUri();
        try (LibvirtConnection connection = LibvirtConnection.open(uri, true)) {
            String xml = connection.domainXml(name, inactive);
            out.print(xml.endsWith("\n") ? xml : xml + "\n");
            out.flush();
            return ExitStatus.OK;
        } catch (LibvirtError e) {
            err.println(e.oneLine());
            return ExitStatus.USAGE;
        }
    }
}
