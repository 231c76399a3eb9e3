package dev.domxml.pve;

import dev.domxml.fromargs.DomainXmlBuilder;
import dev.domxml.model.VirtualMachine;
import dev.domxml.report.Diagnostic;
import dev.domxml.report.SourcePosition;
import dev.domxml.rules.DomainMapper;
import dev.domxml.xml.DomainReader;
import dev.domxml.xml.DomainWriter;
import dev.domxml.xml.InputException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** A Proxmox VE config as domain XML (for {@code from-pve}), and as the model libvirt builds from that XML. */
public final class PveConvert {
    private PveConvert() {}

    /** The domain XML and every warning (unmapped storage, what XML cannot say), in line order. */
    public record Xml(String xml, List<Diagnostic> warnings) {
        public Xml {
            warnings = List.copyOf(warnings);
        }
    }

    public static Xml toXml(PveConfig config, PveStorage storage) throws InputException {
        PveVm.Result vm = PveVm.read(config, storage);
        DomainXmlBuilder.Built built = DomainXmlBuilder.build(vm.model(), vm.sources());
        List<Diagnostic> warnings = new ArrayList<>(vm.warnings());
        warnings.addAll(built.warnings());
        warnings.sort(Comparator.comparingInt((Diagnostic d) -> d.position().map(SourcePosition::line).orElse(0))
                .thenComparingInt(d -> d.position().map(SourcePosition::column).orElse(0)));
        String xml = DomainWriter.toXml(built.domain()).strip() + "\n";
        return new Xml(xml, warnings);
    }

    /** What libvirt 9.0 makes of the domain XML: the model its own command line is written from. */
    public static VirtualMachine libvirtModel(Xml xml, String file) throws InputException {
        DomainMapper.Result mapped = DomainMapper.map(DomainReader.read(xml.xml().getBytes(StandardCharsets.UTF_8),
                file + " (as domain XML)"));
        if (!mapped.accepted()) {
            Diagnostic first = mapped.errors().get(0);
            throw new InputException(first.position().orElse(SourcePosition.ofFile(file)),
                    "the domain XML made from this config is refused: " + first.message());
        }
        return mapped.model().orElseThrow();
    }
}
