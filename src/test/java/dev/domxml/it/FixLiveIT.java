package dev.domxml.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.domxml.fix.DomainFixer;
import dev.domxml.fix.FixOptions;
import dev.domxml.xml.DomainReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The whole point, for real: three file-backed SCSI disks share one virtio-scsi controller; after
 * {@code fix}, libvirtd defines the domain, boots it under TCG, and QEMU itself reports (QMP
 * query-iothreads and qom-get) one iothread per disk controller, all different.
 */
class FixLiveIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String NAME = "domxml-fix-live";
    private static final Path IMAGES = Path.of("/var/tmp/domxml-fix-live");

    @AfterEach
    void removeDomain() throws Exception {
        Virsh.virsh("destroy", NAME);
        Virsh.virsh("undefine", NAME);
    }

    @Test
    void fixedDomainBootsWithOneIothreadPerDisk() throws Exception {
        Files.createDirectories(IMAGES);
        StringBuilder disks = new StringBuilder();
        for (int i = 0; i < 3; i++) {
            Path image = IMAGES.resolve("disk" + i + ".raw");
            Virsh.Outcome made = Virsh.run("qemu-img", "create", "-q", "-f", "raw", image.toString(), "16M");
            assertThat(made.ok()).as("qemu-img: %s", made.err()).isTrue();
            disks.append("    <disk type='file' device='disk'>\n"
                    + "      <driver name='qemu' type='raw' cache='none' io='native'/>\n"
                    + "      <source file='" + image + "'/>\n"
                    + "      <target dev='sd" + (char) ('a' + i) + "' bus='scsi'/>\n"
                    + "    </disk>\n");
        }
        String shared = "<domain type='qemu'>\n  <name>" + NAME + "</name>\n  <memory unit='MiB'>128</memory>\n"
                + "  <vcpu>2</vcpu>\n  <os>\n    <type arch='x86_64' machine='pc'>hvm</type>\n  </os>\n  <devices>\n"
                + "    <controller type='scsi' index='0' model='virtio-scsi'/>\n" + disks
                + "    <memballoon model='none'/>\n  </devices>\n</domain>\n";

        String fixed = DomainFixer.fix(DomainReader.readEditable(shared.getBytes(StandardCharsets.UTF_8), "live.xml"),
                FixOptions.perDisk()).fixed();
        Path file = Files.createTempFile("domxml-fix-live", ".xml");
        Files.writeString(file, fixed);

        Virsh.Outcome defined = Virsh.virsh("define", file.toString());
        assertThat(defined.ok()).as("virsh define: %s", defined.err()).isTrue();
        Virsh.Outcome started = Virsh.virsh("start", NAME);
        assertThat(started.ok()).as("virsh start: %s", started.err()).isTrue();

        JsonNode iothreads = qmp("{\"execute\":\"query-iothreads\"}");
        assertThat(iothreads).hasSize(3);
        Set<String> threads = new HashSet<>();
        for (int controller = 0; controller < 3; controller++) {
            JsonNode link = qmp("{\"execute\":\"qom-get\",\"arguments\":{\"path\":\"/machine/peripheral/scsi" + controller
                    + "\",\"property\":\"iothread\"}}");
            assertThat(link.asText()).as("iothread of scsi%d", controller).isNotEmpty();
            threads.add(link.asText());
            JsonNode disk = qmp("{\"execute\":\"qom-get\",\"arguments\":{\"path\":\"/machine/peripheral/scsi" + controller
                    + "-0-0-0\",\"property\":\"type\"}}");
            assertThat(disk.asText()).isEqualTo("scsi-hd");
        }
        assertThat(threads).as("distinct iothreads of the three controllers").hasSize(3);
    }

    private static JsonNode qmp(String command) throws Exception {
        Virsh.Outcome out = Virsh.virsh("qemu-monitor-command", NAME, command);
        assertThat(out.ok()).as("%s: %s", command, out.err()).isTrue();
        return JSON.readTree(out.out()).get("return");
    }
}
