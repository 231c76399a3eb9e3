package dev.domxml.corpus;

import static org.assertj.core.api.Assertions.assertThat;

import dev.domxml.args.ArgsOptions;
import dev.domxml.args.ArgsStyle;
import dev.domxml.args.ArgsWriter;
import dev.domxml.args.OutputFormat;
import dev.domxml.corpus.QemuArgv.Level;
import dev.domxml.report.Severity;
import dev.domxml.rules.DomainMapper;
import dev.domxml.xml.DomainReader;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every reference case libvirt 9.0 produced (src/test/resources/corpus) against domxml: the same
 * storage and device options where libvirt accepted the domain, a refusal where it refused.
 */
class LibvirtAgreementTest {
    private static final Map<Level, List<String>> DISAGREEMENTS = new EnumMap<>(Level.class);
    private static int accepted;

    @TestFactory
    Stream<DynamicTest> everyCaseAgreesWithLibvirt() {
        return CorpusCase.all().stream().map(c -> DynamicTest.dynamicTest(c.toString(), () -> check(c)));
    }

    private static void check(CorpusCase c) throws Exception {
        DomainMapper.Result result = DomainMapper.map(DomainReader.read(c.xml()));
        if (c.refusal().isPresent()) {
            assertThat(result.accepted()).as("libvirt refuses %s", c).isFalse();
            assertThat(result.errors()).anyMatch(d -> d.severity() == Severity.ERROR);
            return;
        }
        assertThat(result.errors()).as("libvirt accepts %s", c).isEmpty();
        String ours = OutputFormat.SHELL.render(
                ArgsWriter.forStyle(ArgsStyle.LIBVIRT).write(result.model().orElseThrow(), ArgsOptions.defaults()));
        QemuArgv expected = QemuArgv.parse(c.libvirtArgs());
        QemuArgv actual = QemuArgv.parse(ours);
        synchronized (DISAGREEMENTS) {
            accepted++;
            for (Level level : Level.values()) {
                if (!expected.at(level).equals(actual.at(level))) {
                    DISAGREEMENTS.computeIfAbsent(level, l -> new ArrayList<>()).add(c.toString());
                }
            }
        }
        assertThat(actual.at(Level.STORAGE)).as("storage options of %s", c).isEqualTo(expected.at(Level.STORAGE));
        assertThat(actual.at(Level.DEVICES)).as("devices of %s", c).isEqualTo(expected.at(Level.DEVICES));
    }

    /**
     * At the full level the only difference allowed is the one made on purpose: libvirt hands QEMU a tap
     * file descriptor it opened itself ({@code "type":"tap","fd":"25"}), which no runnable line can do.
     */
    @Test
    void fullLevelDiffersOnlyInNetworkBackends() throws Exception {
        for (CorpusCase c : CorpusCase.all()) {
            if (c.args().isEmpty()) {
                continue;
            }
            DomainMapper.Result result = DomainMapper.map(DomainReader.read(c.xml()));
            String ours = OutputFormat.SHELL.render(
                    ArgsWriter.forStyle(ArgsStyle.LIBVIRT).write(result.model().orElseThrow(), ArgsOptions.defaults()));
            List<String> expected = withoutNetdevs(QemuArgv.parse(c.libvirtArgs()).at(Level.FULL));
            List<String> actual = withoutNetdevs(QemuArgv.parse(ours).at(Level.FULL));
            assertThat(actual).as("full command line of %s", c).isEqualTo(expected);
        }
    }

    private static List<String> withoutNetdevs(List<String> options) {
        return options.stream().filter(o -> !o.startsWith("-netdev ")).toList();
    }

    @AfterAll
    static void summary() {
        System.out.printf("libvirt agreement over %d accepted corpus domains: storage %d, devices %d, full %d disagree%n",
                accepted, DISAGREEMENTS.getOrDefault(Level.STORAGE, List.of()).size(),
                DISAGREEMENTS.getOrDefault(Level.DEVICES, List.of()).size(),
                DISAGREEMENTS.getOrDefault(Level.FULL, List.of()).size());
    }
}
