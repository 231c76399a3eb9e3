package dev.domxml.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import dev.domxml.args.ArgvComparison;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Proxmox VE configs through the real libvirt 9.0: the domain XML {@code from-pve} writes passes
 * {@code virt-xml-validate}, {@code virsh domxml-to-native} accepts it, and libvirt's command line has the
 * same storage (-object iothread, -blockdev, every -device but the NIC) as {@code domxml to-args} on the
 * config. virsh comes from src/test/oracle/setup-libvirt.sh (CI installs it): without it this fails, it
 * never skips.
 */
class PveLibvirtIT {
    private static final Path PVE = Path.of("src/test/resources/pve");
    private static final String STORAGE_CFG = PVE.resolve("storage.cfg").toString();
    /** The NIC is a user-mode stand-in for Proxmox's tap, and domxml and libvirt spell its MAC differently. */
    private static final Set<String> NICS = Set.of("virtio-net-pci", "e1000", "e1000e", "rtl8139", "vmxnet3");

    @TempDir
    static Path work;

    @BeforeAll
    static void libvirtIsThere() throws Exception {
        Virsh.Outcome version = Virsh.virsh("version");
        if (!version.ok()) {
            fail("libvirtd does not answer on " + Virsh.URI + ": " + version.err().strip()
                    + "; run `bash src/test/oracle/setup-libvirt.sh` as root");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"601.conf", "701.conf", "701-iothread.conf", "300.conf"})
    void domainXmlFromAConfigIsValidAndLibvirtBuildsTheSameStorage(String config) throws Exception {
        String libvirtLine = throughLibvirt(PVE.resolve(config));

        Domxml ours = Domxml.run("to-args", "--format=json", "--storage-cfg", STORAGE_CFG, PVE.resolve(config).toString());
        assertThat(ours.status()).as("%s", ours).isZero();
        List<String> argv = List.of(new com.fasterxml.jackson.databind.ObjectMapper().readValue(ours.out(), String[].class));
        ArgvComparison comparison = ArgvComparison.compare(libvirtLine, argv);
        List<String> theirs = storage(comparison.libvirt());
        assertThat(theirs).isNotEmpty();
        assertThat(storage(comparison.domxml())).as("storage of %s", config).isEqualTo(theirs);
    }

    @Test
    void theFixedIothreadConfigGivesLibvirtThreeControllersEachWithItsIothread(@TempDir Path dir) throws Exception {
        Path file = Files.copy(PVE.resolve("701-iothread.conf"), dir.resolve("701.conf"));
        assertThat(Domxml.run("fix", "--in-place", file.toString()).status()).isZero();

        String libvirtLine = throughLibvirt(file);

        List<String> words = ArgvComparison.shellWords(libvirtLine.replace("\\\n", " "));
        for (int n = 1; n <= 3; n++) {
            assertThat(words).contains("{\"qom-type\":\"iothread\",\"id\":\"iothread" + n + "\"}");
        }
        assertThat(words.stream().filter(w -> w.startsWith("{\"driver\":\"virtio-scsi-pci\",\"iothread\":\"iothread")))
                .hasSize(3);
    }

    /** from-pve, then virt-xml-validate and virsh domxml-to-native on its XML; libvirt's command line. */
    private static String throughLibvirt(Path config) throws Exception {
        Path xml = work.resolve(config.getFileName() + ".xml");
        Domxml converted = Domxml.run("from-pve", "--storage-cfg", STORAGE_CFG, "-o", xml.toString(), config.toString());
        assertThat(converted.status()).as("%s", converted).isZero();
        Virsh.Outcome valid = Virsh.validate(xml);
        assertThat(valid.ok()).as("virt-xml-validate on the XML of %s:%n%s%s", config, valid.out(), valid.err()).isTrue();
        Virsh.Outcome native_ = Virsh.domxmlToNative(xml);
        assertThat(native_.ok()).as("virsh domxml-to-native on the XML of %s: %s", config, native_.err()).isTrue();
        return native_.out();
    }

    private static List<String> storage(List<ArgvComparison.Entry> entries) {
        return entries.stream()
                .filter(e -> !(e.option().equals("-device") && e.value() != null
                        && NICS.contains(e.value().path("driver").asText())))
                .map(e -> e.option() + " " + (e.value() != null ? e.value().toString() : e.text()))
                .toList();
    }
}
