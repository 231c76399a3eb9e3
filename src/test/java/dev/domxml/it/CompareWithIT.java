package dev.domxml.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * {@code domxml to-args --compare-with qemu:///system} on the shared corpus: libvirtd builds its own
 * command line (domxml-to-native) and domxml finds no difference in -object iothread, -blockdev and
 * -device; for a refused case both refuse.
 */
class CompareWithIT {
    private static final String URI = "qemu:///system";
    private static final Path SHARED = Path.of("src/test/resources/corpus/libvirt-9.0");

    @TestFactory
    Stream<DynamicTest> everySharedCaseAgreesWithTheLiveLibvirt() throws Exception {
        List<Path> cases;
        try (Stream<Path> files = Files.list(SHARED)) {
            cases = files.filter(p -> p.toString().endsWith(".xml")).sorted().toList();
        }
        assertThat(cases).hasSizeGreaterThanOrEqualTo(15);
        return cases.stream().map(xml -> DynamicTest.dynamicTest(xml.getFileName().toString(), () -> check(xml)));
    }

    private static void check(Path xml) {
        boolean accepted = Files.exists(xml.resolveSibling(xml.getFileName().toString().replace(".xml", ".args")));
        Domxml compare = Domxml.run("to-args", "--compare-with", URI, xml.toString());

        if (accepted) {
            assertThat(compare.status()).as("%s", compare).isZero();
            assertThat(compare.out()).startsWith(xml + ": no difference from libvirt at " + URI + " (")
                    .endsWith(" -device compared)\nignored, host-specific (domxml leaves them out on purpose): environment"
                            + " (LC_ALL, PATH, HOME, XDG_DATA_HOME, XDG_CACHE_HOME, XDG_CONFIG_HOME), -S, -object secret"
                            + " masterKey0, -chardev charmonitor, -mon, -no-shutdown\n");
        } else {
            assertThat(compare.status()).as("%s", compare).isEqualTo(1);
            assertThat(compare.out()).startsWith(xml + ": same verdict as libvirt at " + URI + ": refused (libvirt refused"
                    + " the domain: ");
        }
    }
}
