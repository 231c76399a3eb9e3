package dev.domxml.args;

import static org.assertj.core.api.Assertions.assertThat;

import dev.domxml.rules.DomainMapper;
import dev.domxml.xml.DomainReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The comparison behind {@code to-args --compare-with}, on libvirt's stored reference lines. */
class ArgvComparisonTest {
    private static final Path SHARED = Path.of("src/test/resources/corpus/libvirt-9.0");

    @Test
    void everyAcceptedSharedCaseIsTheSameAsLibvirtsOwnLine() throws Exception {
        List<Path> cases;
        try (Stream<Path> files = Files.list(SHARED)) {
            cases = files.filter(p -> p.toString().endsWith(".args")).sorted().toList();
        }
        assertThat(cases).hasSizeGreaterThanOrEqualTo(10);
        for (Path args : cases) {
            ArgvComparison comparison = ArgvComparison.compare(Files.readString(args), ours(xmlOf(args)));
            assertThat(comparison.unifiedDiff("libvirt", "domxml")).as("%s", args).isEmpty();
            assertThat(comparison.same()).as("%s", args).isTrue();
            assertThat(comparison.libvirt()).as("%s", args).isNotEmpty();
            assertThat(comparison.ignored()).as("%s", args).containsExactly("environment (LC_ALL, PATH, HOME,"
                    + " XDG_DATA_HOME, XDG_CACHE_HOME, XDG_CONFIG_HOME)", "-S", "-object secret masterKey0",
                    "-chardev charmonitor", "-mon", "-no-shutdown");
        }
    }

    @Test
    void aChangedDeviceIsShownAsADiff() throws Exception {
        Path args = SHARED.resolve("seed-vm601-iothread-single.args");
        List<String> ours = new ArrayList<>(ours(xmlOf(args)));
        int controller = ours.indexOf(ours.stream().filter(w -> w.contains("\"iothread\":\"iothread1\"")).findFirst().orElseThrow());
        ours.set(controller, ours.get(controller).replace("\"iothread\":\"iothread1\",", ""));

        ArgvComparison comparison = ArgvComparison.compare(Files.readString(args), ours);

        assertThat(comparison.same()).isFalse();
        String diff = comparison.unifiedDiff("libvirt", "domxml");
        assertThat(diff).startsWith("--- libvirt\n+++ domxml\n@@ ");
        assertThat(diff).containsOnlyOnce("\n-").containsOnlyOnce("\n+-device")
                .contains("\n--device {\"driver\":\"virtio-scsi-pci\",\"iothread\":\"iothread1\"");
    }

    @Test
    void keyOrderAndQuotingDoNotCount() {
        ArgvComparison comparison = ArgvComparison.compare(
                "LC_ALL=C /usr/bin/qemu-system-x86_64 -S -device '{\"driver\":\"scsi-hd\",\"id\":\"a\"}' -m 512",
                List.of("/usr/bin/qemu-system-x86_64", "-m", "1024", "-device", "{\"id\":\"a\",\"driver\":\"scsi-hd\"}"));

        assertThat(comparison.same()).as("-m is not compared; JSON key order does not matter").isTrue();
        assertThat(comparison.ignored()).containsExactly("environment (LC_ALL)", "-S");
    }

    @Test
    void splitsShellWords() {
        assertThat(ArgvComparison.shellWords("a 'b c' \"d\\\"e\" f\\ g")).containsExactly("a", "b c", "d\"e", "f g");
    }

    private static Path xmlOf(Path args) {
        return args.resolveSibling(args.getFileName().toString().replace(".args", ".xml"));
    }

    private static List<String> ours(Path xml) throws Exception {
        DomainMapper.Result result = DomainMapper.map(DomainReader.read(xml));
        return ArgsWriter.forStyle(ArgsStyle.LIBVIRT).write(result.model().orElseThrow(), ArgsOptions.defaults()).argv();
    }
}
