package dev.domxml.hostile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.domxml.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Whatever is lying around gets one clear line, exit 2, no stack trace, and never the content of a
 * file an entity points at: for every command that reads domain XML.
 */
class HostileXmlTest {
    private static final String[][] COMMANDS = {{"to-args"}, {"lint"}, {"fix"}};

    record Run(int status, String out, String err) {}

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = Main.run(args, new PrintWriter(out), new PrintWriter(err));
        return new Run(status, out.toString(), err.toString());
    }

    static Stream<Arguments> brokenInputs() {
        Random random = new Random(42);
        byte[] garbage = new byte[4096];
        random.nextBytes(garbage);
        return Stream.of(
                Arguments.of("xxe", ("<?xml version='1.0'?>\n<!DOCTYPE domain [<!ENTITY pw SYSTEM 'file:///etc/passwd'>]>\n"
                        + "<domain type='qemu'><name>&pw;</name></domain>").getBytes(StandardCharsets.UTF_8)),
                Arguments.of("billion-laughs", ("<?xml version='1.0'?>\n<!DOCTYPE lolz [<!ENTITY lol 'lol'>"
                        + "<!ENTITY lol2 '&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;'>"
                        + "<!ENTITY lol3 '&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;'>"
                        + "<!ENTITY lol9 '&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;'>]>\n"
                        + "<domain type='qemu'><name>&lol9;</name></domain>").getBytes(StandardCharsets.UTF_8)),
                Arguments.of("truncated", "<domain type='qemu'>\n  <name>t</name>\n  <devices>\n    <disk type='fi"
                        .getBytes(StandardCharsets.UTF_8)),
                Arguments.of("mismatched", "<domain type='qemu'>\n  <name>t</nam>\n</domain>".getBytes(StandardCharsets.UTF_8)),
                Arguments.of("empty", new byte[0]),
                Arguments.of("garbage", garbage),
                Arguments.of("latin1", "<domain type='qemu'><name>caf\u00e9</name></domain>".getBytes(StandardCharsets.ISO_8859_1)),
                Arguments.of("not-a-domain", "<network><name>default</name></network>".getBytes(StandardCharsets.UTF_8)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenInputs")
    void brokenInputIsOneLineAndExitTwo(String name, byte[] content, @TempDir Path dir) throws Exception {
        Path file = dir.resolve(name + ".xml");
        Files.write(file, content);
        for (String[] command : COMMANDS) {
            Run run = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> run(command[0], file.toString()));

            assertThat(run.status()).as("%s %s", command[0], name).isEqualTo(2);
            String report = command[0].equals("lint") ? run.out() : run.err();
            assertThat(report).as("%s %s", command[0], name).startsWith(file + ":").contains(": error: ")
                    .doesNotContain("Exception", "\tat ", "root:x:0:0");
            assertThat(report.strip().lines()).as("one line").hasSize(1);
            if (!name.equals("empty")) {
                assertThat(report).matches("(?s)" + java.util.regex.Pattern.quote(file.toString()) + ":\\d+:\\d+: .*");
            }
        }
        assertThat(Files.readAllBytes(file)).as("fix never damages the input").isEqualTo(content);
    }

    @Test
    void doctypeIsRefusedQuicklyAndNamed(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("laughs.xml");
        Files.write(file, (byte[]) brokenInputs().filter(a -> a.get()[0].equals("billion-laughs")).findFirst()
                .orElseThrow().get()[1]);

        Run run = assertTimeoutPreemptively(Duration.ofSeconds(1), () -> run("to-args", file.toString()));

        assertThat(run.err()).contains("DOCTYPE declarations are not allowed");
    }

    @Test
    void missingFileAndDirectory(@TempDir Path dir) {
        for (String[] command : COMMANDS) {
            Run missing = run(command[0], dir.resolve("missing.xml").toString());
            assertThat(missing.status()).isEqualTo(2);
            assertThat(command[0].equals("lint") ? missing.out() : missing.err()).contains("no such file");
        }
        Run directory = run("fix", dir.toString());
        assertThat(directory.status()).isEqualTo(2);
        assertThat(directory.err()).contains("is a directory");
    }

    @Test
    void oversizedFileIsRefusedWithASizeError(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("huge.xml");
        StringBuilder xml = new StringBuilder("<domain type='qemu'><name>huge</name><description>");
        xml.append("x".repeat(9 * 1024 * 1024)).append("</description></domain>");
        Files.writeString(file, xml);

        Run run = run("lint", file.toString());

        assertThat(run.status()).isEqualTo(2);
        assertThat(run.out()).contains("larger than 8 MiB");
    }

    @Test
    void anAbsurdControllerIndexIsRefusedNotExpanded(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("far.xml");
        Files.writeString(file, "<domain type='qemu'><name>far</name><memory>65536</memory><devices><disk type='file'>"
                + "<source file='/a.raw'/><target dev='sda' bus='scsi'/>"
                + "<address type='drive' controller='2000000000' bus='0' target='0' unit='0'/></disk></devices></domain>");

        Run run = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> run("to-args", file.toString()));

        assertThat(run.status()).isEqualTo(1);
        assertThat(run.err()).contains("controller '2000000000' is out of range");
    }

    @Test
    void anAbsurdControllerOfAScsiHostDeviceIsRefusedNotExpanded(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("far-hostdev.xml");
        Files.writeString(file, "<domain type='qemu'><name>far</name><memory>65536</memory><devices>"
                + "<hostdev mode='subsystem' type='scsi'><source protocol='iscsi' name='iqn.2008-06.org.example:t/1'>"
                + "<host name='example.org'/></source>"
                + "<address type='drive' controller='2000000000' bus='0' target='0' unit='0'/></hostdev></devices></domain>");

        Run run = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> run("to-args", file.toString()));

        assertThat(run.status()).isEqualTo(1);
        assertThat(run.err()).contains("controller '2000000000' is out of range");
    }

    @Test
    void aFullPcieRootBusIsRefusedAsLibvirtDoesNotACrash(@TempDir Path dir) throws Exception {
        // 30 controllers fill pcie.0 (slots 1-0x1e); the root port for hotplug libvirt adds has no slot left
        StringBuilder xml = new StringBuilder("<domain type='qemu'><name>full</name><memory unit='MiB'>512</memory>"
                + "<os><type arch='x86_64' machine='q35'>hvm</type></os><devices>");
        for (int i = 0; i < 30; i++) {
            xml.append("<controller type='scsi' index='").append(i).append("' model='lsilogic'><address type='pci'")
                    .append(" domain='0' bus='0' slot='").append(i + 1).append("' function='0'/></controller>");
        }
        Path file = dir.resolve("full.xml");
        Files.writeString(file, xml.append("</devices></domain>"));

        Run run = run("to-args", file.toString());

        assertThat(run.status()).as(run.err()).isEqualTo(1);
        // libvirt: "a PCI slot is needed to connect a PCI controller model='pcie-root-port', but none is available"
        assertThat(run.err()).startsWith(file + ":1:").contains("error: a PCI slot is needed to connect a PCI"
                + " controller model='pcie-root-port', but none is available").doesNotContain("internal error");
    }

    @Test
    void tenThousandDisksAreProcessedOrRefusedCleanly(@TempDir Path dir) throws Exception {
        StringBuilder xml = new StringBuilder("<domain type='qemu'><name>many</name><memory unit='MiB'>512</memory>"
                + "<os><type arch='x86_64' machine='pc'>hvm</type></os><devices>"
                + "<controller type='scsi' index='0' model='virtio-scsi'/>");
        for (int i = 0; i < 10_000; i++) {
            xml.append("<disk type='file' device='disk'><source file='/d/").append(i).append(".raw'/><target dev='")
                    .append(dev.domxml.rules.DiskNames.name("sd", i)).append("' bus='scsi'/></disk>");
        }
        Path file = dir.resolve("many.xml");
        Files.writeString(file, xml.append("</devices></domain>"));

        for (String[] command : COMMANDS) {
            Run run = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> run(command[0], file.toString()));
            assertThat(run.status()).as("%s: %s", command[0], run.err()).isIn(0, 1);
            assertThat(run.err()).doesNotContain("Exception", "\tat ");
        }
    }
}
