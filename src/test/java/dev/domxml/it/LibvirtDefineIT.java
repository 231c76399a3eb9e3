package dev.domxml.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code domxml define} and {@code dump} against the real libvirtd (qemu:///system, started by
 * src/test/oracle/setup-libvirt.sh): a file-backed domain whose three SCSI disks share one controller is
 * defined with {@code --fix}, boots under TCG, and QEMU reports one iothread per disk controller; a
 * domain lint rejects is not defined; libvirt's own refusals come back as one line.
 */
class LibvirtDefineIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String URI = "qemu:///system";
    private static final String PREFIX = "domxml-define-it-" + ProcessHandle.current().pid() + "-";
    private static final Path IMAGES = Path.of("/var/tmp/domxml-define-it");

    private final Set<String> made = new HashSet<>();

    @AfterEach
    void removeDomains() throws Exception {
        for (String name : made) {
            Virsh.virsh("destroy", name);
            Virsh.virsh("undefine", name);
        }
    }

    @Test
    void defineFixOfASharedControllerBootsWithOneIothreadPerDisk(@TempDir Path dir) throws Exception {
        String name = name("shared");
        Path file = dir.resolve("shared.xml");
        Files.writeString(file, sharedControllerDomain(name));

        Domxml define = Domxml.run("define", "--connect", URI, "--fix", file.toString());

        assertThat(define.status()).as("%s", define).isZero();
        assertThat(define.out()).matches(name + " [0-9a-f-]{36} defined on qemu:///system\n");
        assertThat(define.err()).contains(file + ": iothreads: declared 3");
        Virsh.Outcome started = Virsh.virsh("start", name);
        assertThat(started.ok()).as("virsh start: %s", started.err()).isTrue();

        assertOneIothreadPerController(name);
    }

    @Test
    void defineStartBootsItAndDumpPrintsWhatVirshDumpxmlPrints(@TempDir Path dir) throws Exception {
        String name = name("start");
        Path file = dir.resolve("start.xml");
        Files.writeString(file, sharedControllerDomain(name));

        Domxml define = Domxml.run("define", "--connect", URI, "--fix", "--start", file.toString());

        assertThat(define.status()).as("%s", define).isZero();
        assertThat(define.out()).endsWith(name + " started\n");
        assertThat(Virsh.virsh("domstate", name).out().strip()).isEqualTo("running");
        assertOneIothreadPerController(name);
        Domxml dump = Domxml.run("dump", name, "--connect", URI);
        assertThat(dump.status()).as("%s", dump).isZero();
        assertThat(dump.out()).isEqualTo(Virsh.virsh("dumpxml", name).out().stripTrailing() + "\n");
        Domxml inactive = Domxml.run("dump", "--inactive", name, "--connect", URI);
        assertThat(inactive.out()).isEqualTo(Virsh.virsh("dumpxml", "--inactive", name).out().stripTrailing() + "\n");
    }

    @Test
    void aDomainLintRejectsIsNotDefined(@TempDir Path dir) throws Exception {
        String name = name("refused");
        Path file = dir.resolve("refused.xml");
        String xml = Files.readString(Path.of("src/test/resources/corpus/libvirt-9.0/err-duplicate-target.xml"));
        Files.writeString(file, xml.replaceFirst("<name>[^<]*</name>", "<name>" + name + "</name>")
                .replaceFirst("\\s*<uuid>[^<]*</uuid>", ""));

        Domxml define = Domxml.run("define", "--connect", URI, file.toString());

        assertThat(define.status()).as("%s", define).isEqualTo(1);
        assertThat(define.err()).contains("error: target 'vda' is used by two disks", "not defined: lint found 1 error");
        assertThat(define.out()).isEmpty();
        assertThat(Virsh.virsh("dominfo", name).ok()).as("libvirt knows no domain %s", name).isFalse();
    }

    @Test
    void libvirtsOwnRefusalIsOneLine(@TempDir Path dir) throws Exception {
        String name = name("noemu");
        Path file = dir.resolve("noemu.xml");
        Files.writeString(file, sharedControllerDomain(name).replace("<devices>\n",
                "<devices>\n    <emulator>/nonexistent/qemu-system-x86_64</emulator>\n"));

        Domxml define = Domxml.run("define", "--connect", URI, file.toString());

        assertThat(define.status()).as("%s", define).isEqualTo(1);
        assertThat(define.err().lines().filter(l -> !l.contains("warning:") && !l.contains("info:")).toList())
                .containsExactly("qemu:///system: error: libvirt refused the domain: Cannot check QEMU binary"
                        + " /nonexistent/qemu-system-x86_64: No such file or directory");
        assertThat(Virsh.virsh("dominfo", name).ok()).isFalse();
    }

    @Test
    void dumpOfAnUnknownDomainIsOneLine() {
        Domxml dump = Domxml.run("dump", name("absent"), "--connect", URI);

        assertThat(dump.status()).isEqualTo(2);
        assertThat(dump.err()).isEqualTo("qemu:///system: error: cannot read domain '" + name("absent")
                + "': Domain not found: no domain with matching name '" + name("absent") + "'\n");
    }

    private String name(String what) {
        String name = PREFIX + what;
        made.add(name);
        return name;
    }

    /** Three file-backed SCSI disks on one virtio-scsi controller, no iothread (as FixLiveIT). */
    static String sharedControllerDomain(String name) throws Exception {
        Files.createDirectories(IMAGES);
        StringBuilder disks = new StringBuilder();
        for (int i = 0; i < 3; i++) {
            Path image = IMAGES.resolve(name + "-disk" + i + ".raw");
            if (!Files.exists(image)) {
                Virsh.Outcome made = Virsh.run("qemu-img", "create", "-q", "-f", "raw", image.toString(), "16M");
                assertThat(made.ok()).as("qemu-img: %s", made.err()).isTrue();
            }
            disks.append("    <disk type='file' device='disk'>\n"
                    + "      <driver name='qemu' type='raw' cache='none' io='native'/>\n"
                    + "      <source file='" + image + "'/>\n"
                    + "      <target dev='sd" + (char) ('a' + i) + "' bus='scsi'/>\n"
                    + "    </disk>\n");
        }
        return "<domain type='qemu'>\n  <name>" + name + "</name>\n  <memory unit='MiB'>128</memory>\n"
                + "  <vcpu>2</vcpu>\n  <os>\n    <type arch='x86_64' machine='pc'>hvm</type>\n  </os>\n  <devices>\n"
                + "    <controller type='scsi' index='0' model='virtio-scsi'/>\n" + disks
                + "    <memballoon model='none'/>\n  </devices>\n</domain>\n";
    }

    private static void assertOneIothreadPerController(String name) throws Exception {
        JsonNode iothreads = qmp(name, "{\"execute\":\"query-iothreads\"}");
        assertThat(iothreads).hasSize(3);
        Set<String> threads = new HashSet<>();
        for (int controller = 0; controller < 3; controller++) {
            JsonNode link = qmp(name, "{\"execute\":\"qom-get\",\"arguments\":{\"path\":\"/machine/peripheral/scsi"
                    + controller + "\",\"property\":\"iothread\"}}");
            assertThat(link.asText()).as("iothread of scsi%d", controller).isNotEmpty();
            threads.add(link.asText());
            JsonNode disk = qmp(name, "{\"execute\":\"qom-get\",\"arguments\":{\"path\":\"/machine/peripheral/scsi"
                    + controller + "-0-0-0\",\"property\":\"type\"}}");
            assertThat(disk.asText()).isEqualTo("scsi-hd");
        }
        assertThat(threads).as("distinct iothreads of the three controllers").hasSize(3);
        assertThat(List.copyOf(threads)).allMatch(t -> t.startsWith("/objects/iothread"));
    }

    private static JsonNode qmp(String name, String command) throws Exception {
        Virsh.Outcome out = Virsh.virsh("qemu-monitor-command", name, command);
        assertThat(out.ok()).as("%s: %s", command, out.err()).isTrue();
        return JSON.readTree(out.out()).get("return");
    }
}
