package dev.domxml.cli;

import dev.domxml.pve.PveConfig;
import dev.domxml.pve.PveConfigReader;
import dev.domxml.pve.PveConvert;
import dev.domxml.xml.InputException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
        name = "from-pve",
        aliases = "to-xml",
        mixinStandardHelpOptions = true,
        description = {
            "Turns a Proxmox VE VM config (/etc/pve/qemu-server/VMID.conf) into domain XML that libvirt accepts,",
            "with the storage Proxmox VE would give the VM (controllers, iothreads, disks, boot order). Warnings",
            "(FILE:LINE:COL) go to stderr: storage not mapped to paths, what domain XML cannot say."},
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {"0:domain XML written (warnings or not)", "2:usage error, or a config that cannot be read"})
final class FromPveCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write the XML to FILE instead of stdout.")
    Path output;

    @Mixin
    PveOptions pve;

    @Parameters(paramLabel = "FILE", arity = "1", description = "A Proxmox VE VM config.")
    Path input;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        String name = input.toString();
        PveConvert.Xml xml;
        try {
            PveConfig config = PveConfigReader.read(PveCli.text(input), name);
            xml = PveConvert.toXml(config, pve.storage());
        } catch (InputException e) {
            err.println(e.oneLine());
            return ExitStatus.USAGE;
        }
        return FromArgsCommand.emit(name, xml.xml(), xml.warnings(), output, out, err);
    }
}
