package dev.domxml.fromargs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import dev.domxml.args.ArgsOptions;
import dev.domxml.args.ArgsStyle;
import dev.domxml.args.ArgsWriter;
import dev.domxml.args.OutputFormat;
import dev.domxml.corpus.NodeNumberGaps;
import dev.domxml.corpus.QemuRefusedLines;
import dev.domxml.rules.DomainMapper;
import dev.domxml.testing.ExternalProcess;
import dev.domxml.testing.ExternalProcess.Result;
import dev.domxml.xml.DomainReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code from-args} against the real libvirt 9.0: for every command line libvirt wrote for the corpus,
 * the XML from-args makes passes {@code virt-xml-validate}, and {@code virsh domxml-to-native} turns it
 * into the same storage arguments again. The Proxmox VE seed lines must give XML that libvirt accepts and
 * turns into what domxml's own engine writes for it.
 *
 * <p>virsh and virt-xml-validate are installed by {@code .ci/run} ({@code src/test/oracle/setup-libvirt.sh});
 * when they are missing or libvirtd does not answer, this fails, it never skips.
 */
class FromArgsLibvirtIT {
    private static final String URI = "qemu:///system";
    private static final String INSTALL_HINT = "from-args' libvirt test needs virsh and virt-xml-validate with a"
            + " running libvirtd (libvirt 9.0): run `bash src/test/oracle/setup-libvirt.sh` as root";
    private static final AtomicInteger CHECKED = new AtomicInteger();
    private static final AtomicInteger AGREED = new AtomicInteger();

    @TempDir
    static Path work;

    /** What a command printed and how it ended. */

    @BeforeAll
    static void libvirtIsThere() {
        try {
            Result version = run("virsh", "-c", URI, "version");
            if (version.status() != 0) {
                fail("libvirtd does not answer on " + URI + ": " + version.err().strip() + "; " + INSTALL_HINT);
            }
            run("virt-xml-validate", "--help");
        } catch (IOException e) {
            fail(e.getMessage() + "; " + INSTALL_HINT);
        }
    }

    @TestFactory
    Stream<DynamicTest> libvirtGivesBackTheSameStorageForEveryCorpusLine() {
        // lines QEMU itself refuses, from-args refuses too (FromArgsRoundTripTest checks that)
        return CorpusLines.all().stream().filter(file -> QemuRefusedLines.of(file).isEmpty())
                .map(file -> DynamicTest.dynamicTest(CorpusLines.name(file), () -> {
                    String original = CorpusLines.read(file);

                    String libvirtLine = throughLibvirt(original, file.getFileName().toString().replace(".args", ""));

                    CHECKED.incrementAndGet();
                    if (NodeNumberGaps.inCase(file)) {
                        // the line lacks a disk libvirt plugs in later: its node numbers have a gap
                        assertThat(NodeNumberGaps.renumbered(String.join("\n", StorageArgs.of(libvirtLine))))
                                .as("storage arguments of %s", file)
                                .isEqualTo(NodeNumberGaps.renumbered(String.join("\n", StorageArgs.of(original))));
                    } else {
                        assertThat(StorageArgs.of(libvirtLine)).as("storage arguments of %s", file)
                                .isEqualTo(StorageArgs.of(original));
                    }
                    AGREED.incrementAndGet();
                }));
    }

    @TestFactory
    Stream<DynamicTest> proxmoxSeedLinesBecomeXmlLibvirtAccepts() {
        return Stream.of("proxmox-vm701-virtio-scsi-pci", "proxmox-vm601-virtio-scsi-single").map(seed ->
                DynamicTest.dynamicTest(seed, () -> {
                    String line = Files.readString(Path.of("src/test/resources/kvm-args", seed + ".txt"));
                    String xml = FromArgs.convert(line, seed + ".txt").xml();

                    String libvirtLine = throughLibvirt(line, seed);

                    String ours = OutputFormat.SHELL.render(ArgsWriter.forStyle(ArgsStyle.LIBVIRT).write(
                            DomainMapper.map(DomainReader.read(xml.getBytes(StandardCharsets.UTF_8), seed + ".xml"))
                                    .model().orElseThrow(), ArgsOptions.defaults()));
                    assertThat(StorageArgs.of(libvirtLine)).isEqualTo(StorageArgs.of(ours)).isNotEmpty();
                }));
    }

    /** from-args, then virt-xml-validate and virsh domxml-to-native on its XML; libvirt's command line. */
    private static String throughLibvirt(String commandLine, String name) throws Exception {
        Path xml = work.resolve(name + ".xml");
        Files.writeString(xml, FromArgs.convert(commandLine, name + ".args").xml());
        Result valid = run("virt-xml-validate", xml.toString(), "domain");
        assertThat(valid.status()).as("virt-xml-validate on the XML of %s:%n%s%s", name, valid.out(), valid.err()).isZero();
        Result converted = run("virsh", "-c", URI, "domxml-to-native", "qemu-argv", xml.toString());
        assertThat(converted.status()).as("virsh domxml-to-native on the XML of %s: %s", name, converted.err()).isZero();
        return converted.out();
    }

    private static Result run(String... command) throws IOException {
        return ExternalProcess.run(Duration.ofMinutes(2), List.of(command));
    }

    @AfterAll
    static void summary() {
        System.out.printf("from-args through libvirt 9.0: %d corpus lines, storage arguments agree on %d%n",
                CHECKED.get(), AGREED.get());
    }
}
