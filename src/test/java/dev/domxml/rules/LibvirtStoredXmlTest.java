package dev.domxml.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.domxml.args.ArgsOptions;
import dev.domxml.args.ArgsStyle;
import dev.domxml.args.ArgsWriter;
import dev.domxml.lint.Linter;
import dev.domxml.report.Diagnostic;
import dev.domxml.xml.DomainReader;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The XML libvirt stores once a domain is defined (src/test/resources/libvirt-stored) reads as the original. */
class LibvirtStoredXmlTest {
    private static final Path STORED = Path.of("src/test/resources/libvirt-stored/seed-vm701-as-stored.xml");
    private static final Path ORIGINAL = Path.of("src/test/resources/corpus/libvirt-9.0/seed-vm701-no-iothread.xml");

    @Test
    void thePiix3UsbControllerAtItsOwnAddressIsNotASecondDevice() throws Exception {
        List<Diagnostic> findings = Linter.lint(DomainReader.read(STORED));

        assertThat(findings).extracting(Diagnostic::ruleId).containsExactly("scsi-shared-controller-iothread");
    }

    @Test
    void storedFormGivesTheSameCommandLine() throws Exception {
        assertThat(argv(STORED)).isEqualTo(argv(ORIGINAL));
    }

    private static List<String> argv(Path xml) throws Exception {
        DomainMapper.Result result = DomainMapper.map(DomainReader.read(xml));
        assertThat(result.errors()).isEmpty();
        return ArgsWriter.forStyle(ArgsStyle.LIBVIRT).write(result.model().orElseThrow(), ArgsOptions.defaults()).argv();
    }
}
