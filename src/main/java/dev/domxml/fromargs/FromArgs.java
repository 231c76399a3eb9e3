package dev.domxml.fromargs;

import dev.domxml.qemu.CommandLineReader;
import dev.domxml.qemu.QemuOption;
import dev.domxml.report.Diagnostic;
import dev.domxml.report.SourcePosition;
import dev.domxml.xml.DomainWriter;
import dev.domxml.xml.InputException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * {@code from-args}: a QEMU command line to domain XML. The line is read into the model
 * ({@link CommandLineReader}) and the model written as XML ({@link DomainXmlBuilder}); options the
 * model has no place for are reported and listed in a comment at the end of the XML.
 */
public final class FromArgs {
    private FromArgs() {}

    /** The XML, and every warning from reading the line and writing the XML, in line order. */
    public record Result(String xml, List<Diagnostic> warnings, CommandLineReader.Result read) {}

    public static Result convert(String commandLine, String fileName) throws InputException {
        CommandLineReader.Result read = CommandLineReader.read(commandLine, fileName);
        DomainXmlBuilder.Built built = DomainXmlBuilder.build(read.model(), read.sources());
        String xml = DomainWriter.toXml(built.domain()).strip();
        if (!read.leftOut().isEmpty()) {
            StringBuilder comment = new StringBuilder("\n<!-- Not converted (not in domxml's model):");
            for (QemuOption option : read.leftOut()) {
                // an XML comment cannot hold "--": "---" must become "- - -", not "- --"
                comment.append("\n     ").append(option.shortText().replaceAll("-(?=-)", "- "));
            }
            xml = xml + comment.append("\n-->");
        }
        List<Diagnostic> warnings = new ArrayList<>(read.warnings());
        warnings.addAll(built.warnings());
        warnings.sort(Comparator.comparingInt((Diagnostic d) -> d.position().map(SourcePosition::line).orElse(0))
                .thenComparingInt(d -> d.position().map(SourcePosition::column).orElse(0)));
        return new Result(xml + "\n", List.copyOf(warnings), read);
    }
}
