package dev.domxml.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code domxml lint --connect qemu:///system --connect UNREACHABLE --all} over a libvirtd holding several
 * domains: every accepted shared corpus domain defined under a unique name (vm701 among them) and one
 * transient running domain. Each is reported as URI/NAME, vm701 is flagged, the unreachable host is
 * reported and does not stop the run.
 */
class FleetLintIT {
    private static final String URI = "qemu:///system";
    private static final String UNREACHABLE = "qemu+tcp://127.0.0.1:1/system";
    private static final String PREFIX = "domxml-fleet-it-" + ProcessHandle.current().pid() + "-";
    private static final Path SHARED = Path.of("src/test/resources/corpus/libvirt-9.0");
    private static final List<String> DEFINED = new ArrayList<>();
    private static final String RUNNING = PREFIX + "running";

    @BeforeAll
    static void defineDomains() throws Exception {
        List<Path> accepted;
        try (Stream<Path> files = Files.list(SHARED)) {
            accepted = files.filter(p -> p.toString().endsWith(".args")).sorted()
                    .map(p -> p.resolveSibling(p.getFileName().toString().replace(".args", ".xml"))).toList();
        }
        Path dir = Files.createTempDirectory("domxml-fleet-it");
        for (Path xml : accepted) {
            String base = xml.getFileName().toString().replace(".xml", "");
            String name = PREFIX + base;
            Path file = dir.resolve(base + ".xml");
            Files.writeString(file, Files.readString(xml).replaceFirst("<name>[^<]*</name>", "<name>" + name + "</name>")
                    .replaceFirst("\\s*<uuid>[^<]*</uuid>", ""));
            Virsh.Outcome defined = Virsh.virsh("define", file.toString());
            assertThat(defined.ok()).as("virsh define %s: %s", xml, defined.err()).isTrue();
            DEFINED.add(name);
        }
        Path running = dir.resolve("running.xml");
        Files.writeString(running, LibvirtDefineIT.sharedControllerDomain(RUNNING));
        Virsh.Outcome created = Virsh.virsh("create", running.toString());
        assertThat(created.ok()).as("virsh create (transient, running): %s", created.err()).isTrue();
    }

    @AfterAll
    static void removeDomains() throws Exception {
        Virsh.virsh("destroy", RUNNING);
        for (String name : DEFINED) {
            Virsh.virsh("undefine", name);
        }
    }

    @Test
    void everyDomainIsLintedVm701IsFlaggedAndAnUnreachableHostDoesNotStopTheRun() {
        Domxml lint = Domxml.run("lint", "--connect", URI, "--connect", UNREACHABLE, "--all");

        assertThat(lint.status()).as("%s", lint).isEqualTo(2);
        assertThat(lint.out()).contains(URI + "/" + PREFIX + "seed-vm701-no-iothread:",
                "warning: disks sda, sdb, sdc share virtio-scsi controller scsi0",
                UNREACHABLE + ": error: cannot connect: unable to connect to server at '127.0.0.1:1': Connection refused [libvirt]");
        assertThat(lint.out().lines().filter(l -> l.startsWith(URI + "/" + PREFIX + "seed-vm701-no-iothread:")))
                .anyMatch(l -> l.endsWith("[scsi-shared-controller-iothread]"));
        assertThat(lint.out().lines().filter(l -> l.startsWith(URI + "/" + RUNNING + ":")))
                .as("the running transient domain is linted too")
                .anyMatch(l -> l.endsWith("[scsi-shared-controller-iothread]"));
        String summary = lint.err().lines().filter(l -> l.startsWith(URI + ": ")).findFirst().orElseThrow();
        assertThat(summary).contains(" domains linted: ").contains(DEFINED).contains(RUNNING);
        assertThat(lint.out().indexOf(UNREACHABLE)).as("hosts in the order given").isGreaterThan(lint.out().indexOf(URI + "/"));
    }

    @Test
    void theHostAloneFailsOnlyOnWarningsWhenAsked() {
        Domxml lint = Domxml.run("lint", "--connect", URI, "--all");
        assertThat(lint.status()).as("%s", lint).isIn(0, 1);
        Domxml strict = Domxml.run("lint", "--fail-on=warning", "--connect", URI, "--domain", PREFIX + "seed-vm701-no-iothread");
        assertThat(strict.status()).as("%s", strict).isEqualTo(1);
        assertThat(strict.out()).startsWith(URI + "/" + PREFIX + "seed-vm701-no-iothread:");
    }

    @Test
    void toArgsOfEveryDefinedDomainMatchesLibvirtsOwnLine() {
        for (String name : DEFINED) {
            Domxml compare = Domxml.run("to-args", "--connect", URI, "--domain", name, "--compare-with", URI);

            assertThat(compare.status()).as("%s", compare).isZero();
            assertThat(compare.out()).startsWith(URI + "/" + name + ": no difference from libvirt at " + URI + " (");
        }
        Domxml vm601 = Domxml.run("to-args", "--connect", URI, "--domain", PREFIX + "seed-vm601-iothread-single",
                "--compare-with", URI);
        assertThat(vm601.out()).contains("(1 -object iothread, 6 -blockdev, 8 -device compared)");
    }
}
