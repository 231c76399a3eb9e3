package dev.domxml.fromargs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.domxml.args.ArgsOptions;
import dev.domxml.args.ArgsStyle;
import dev.domxml.args.ArgsWriter;
import dev.domxml.args.OutputFormat;
import dev.domxml.corpus.NodeNumberGaps;
import dev.domxml.corpus.QemuRefusedLines;
import dev.domxml.rules.DomainMapper;
import dev.domxml.xml.DomainReader;
import dev.domxml.xml.InputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every command line of the corpus, through {@code from-args} and back through domxml's own libvirt
 * engine ({@code to-args}), gives the same storage arguments again. {@code FromArgsLibvirtIT} does the
 * same with the real libvirt. Lines that QEMU 7.2 itself refuses ({@link QemuRefusedLines}) are refused; lines
 * that lack a disk libvirt plugs in later ({@link NodeNumberGaps}) come back with the gap in node numbers closed.
 */
class FromArgsRoundTripTest {

    @TestFactory
    Stream<DynamicTest> everyCorpusLineComesBackWithTheSameStorage() {
        return CorpusLines.all().stream().map(file -> DynamicTest.dynamicTest(CorpusLines.name(file), () -> {
            String original = CorpusLines.read(file);
            Optional<QemuRefusedLines.Refusal> refusal = QemuRefusedLines.of(file);
            if (refusal.isPresent()) {
                assertThatThrownBy(() -> FromArgs.convert(original, file.toString())).as("QEMU refuses this line")
                        .isInstanceOf(InputException.class)
                        .hasMessageStartingWith("-device ").hasMessageContaining(refusal.get().property() + " is out of range");
                return;
            }

            String xml = FromArgs.convert(original, file.toString()).xml();
            DomainMapper.Result mapped = DomainMapper.map(
                    DomainReader.read(xml.getBytes(StandardCharsets.UTF_8), file + ".xml"));

            assertThat(mapped.errors()).as("domxml's own verdict on the XML").isEmpty();
            String again = OutputFormat.SHELL.render(
                    ArgsWriter.forStyle(ArgsStyle.LIBVIRT).write(mapped.model().orElseThrow(), ArgsOptions.defaults()));
            if (NodeNumberGaps.inCase(file)) {
                assertThat(NodeNumberGaps.renumbered(String.join("\n", StorageArgs.of(again))))
                        .isEqualTo(NodeNumberGaps.renumbered(String.join("\n", StorageArgs.of(original))));
            } else {
                assertThat(StorageArgs.of(again)).isEqualTo(StorageArgs.of(original));
            }
        }));
    }

    static Path resource(String name) {
        return Path.of("src/test/resources", name);
    }
}
