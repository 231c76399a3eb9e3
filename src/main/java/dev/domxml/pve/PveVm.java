package dev.domxml.pve;

import dev.domxml.args.OutputFormat;
import dev.domxml.model.VirtualMachine;
import dev.domxml.qemu.CommandLineReader;
import dev.domxml.report.Diagnostic;
import dev.domxml.report.SourceMap;
import dev.domxml.report.SourcePosition;
import dev.domxml.xml.InputException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A Proxmox VE config as the model. Proxmox's own generator is the definition of what a config means to
 * QEMU, so the config becomes the command line qemu-server would write ({@link PveArgs}) and that line is
 * read like any other ({@link CommandLineReader}); every position is then mapped back to the config line
 * the option was written for, so that rules and warnings point at the config.
 */
public final class PveVm {
    private PveVm() {}

    /** The model, where its devices were written in the config, and what was assumed on the way. */
    public record Result(VirtualMachine model, SourceMap sources, List<Diagnostic> warnings, PveArgs.Generated args) {
        public Result {
            warnings = List.copyOf(warnings);
        }
    }

    public static Result read(PveConfig config, PveStorage storage) throws InputException {
        if (config.scsihw().equals("lsi53c810") && config.disks().stream().anyMatch(d -> d.bus() == PveBus.SCSI)) {
            throw new InputException(config.line("scsihw").orElseThrow().valuePosition(), "scsihw lsi53c810 has no"
                    + " libvirt controller model, so there is no domain XML or libvirt command line for it (to-args"
                    + " --style=legacy writes Proxmox's own)");
        }
        PveArgs.Generated args = PveArgs.generate(config, storage, true);
        // one option per line: line 1 is the binary, option k (0-based) is on line k + 2
        String text = OutputFormat.LINES.render(args.commandLine());
        SourcePosition fileStart = new SourcePosition(config.file(), 1, 1);
        CommandLineReader.Result read;
        try {
            read = CommandLineReader.read(text, config.file());
        } catch (InputException e) {
            throw new InputException(origin(e.position(), args, fileStart), e.getMessage());
        }
        Map<String, SourcePosition> byId = new HashMap<>();
        read.sources().byId().forEach((id, p) -> byId.put(id, origin(p, args, fileStart)));
        List<Diagnostic> warnings = new ArrayList<>(args.notes());
        for (Diagnostic d : read.warnings()) {
            // what the reader assumes about the generated line (no -cpu, a pasted wrap) is not the user's to fix
            if (d.ruleId().equals(CommandLineReader.ASSUMED)) {
                continue;
            }
            warnings.add(new Diagnostic(d.severity(), d.ruleId(), d.message(),
                    d.position().map(p -> origin(p, args, fileStart))));
        }
        return new Result(read.model(), new SourceMap(config.file(), byId), warnings, args);
    }

    private static SourcePosition origin(SourcePosition p, PveArgs.Generated args, SourcePosition fileStart) {
        int option = p.line() - 2;
        return option >= 0 && option < args.origins().size() ? args.origins().get(option) : fileStart;
    }
}
