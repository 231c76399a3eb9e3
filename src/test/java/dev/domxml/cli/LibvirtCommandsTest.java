package dev.domxml.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.domxml.libvirt.LibvirtConnection;
import dev.domxml.testing.ExternalProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * define, dump and the --connect/--domain inputs against libvirt's embedded test driver (no daemon).
 * test:///default keeps its state only while a connection is open, so each test holds one to see what
 * the commands did; test:///PATH/node.xml serves the domains of that file.
 */
class LibvirtCommandsTest {
    private static final String TEST = "test:///default";
    private static final String UNREACHABLE = "qemu+tcp://127.0.0.1:1/system";
    private static final String SHARED = "src/test/resources/corpus/libvirt-9.0/";
    private static final String VM701 = SHARED + "seed-vm701-no-iothread.xml";
    private static final String VM701_UUID = "56f39bcb-fb42-7ecf-5b6f-ab3b6a311e01";

    private LibvirtConnection held;

    @BeforeEach
    void holdTestDriver() throws Exception {
        held = LibvirtConnection.open(TEST, false);
    }

    @AfterEach
    void releaseTestDriver() {
        held.close();
    }

    @Test
    void dumpPrintsLibvirtsXml() {
        CliRunner run = CliRunner.run("dump", "test", "--connect", TEST);

        assertThat(run.status()).isZero();
        assertThat(run.out()).startsWith("<domain type='test' id='1'>\n  <name>test</name>\n")
                .contains("<uuid>6695eb01-f6a4-8304-79aa-97f2502e193f</uuid>").endsWith("</domain>\n");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void dumpOfAnUnknownDomainIsOneLineAndExitTwo() {
        CliRunner run = CliRunner.run("dump", "nope", "--connect", TEST);

        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("test:///default: error: cannot read domain 'nope': Domain not found\n");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void defineLintsDefinesAndPrintsNameAndUuid() throws Exception {
        CliRunner run = CliRunner.run("define", "--connect", TEST, VM701);

        assertThat(run.status()).as(run.err()).isZero();
        assertThat(run.out()).isEqualTo("vm701 " + VM701_UUID + " defined on test:///default\n");
        assertThat(run.err()).as("lint's warnings are shown; they do not stop define")
                .contains("[scsi-shared-controller-iothread]");
        assertThat(held.domainNames()).contains("vm701");
        assertThat(CliRunner.run("dump", "vm701", "--connect", TEST).out()).contains("/dev/zvol/nvmpool/data/vm-701-disk-1");
    }

    @Test
    void defineWithFixDefinesTheFixedDomainAndStartsIt() throws Exception {
        CliRunner run = CliRunner.run("define", "--connect", TEST, "--fix", "--start", VM701);

        assertThat(run.status()).as(run.err()).isZero();
        assertThat(run.out()).isEqualTo("vm701 " + VM701_UUID + " defined on test:///default\nvm701 started\n");
        assertThat(run.err()).contains(VM701 + ": iothreads: declared 3").doesNotContain("scsi-shared-controller-iothread");
        String xml = held.domainXml("vm701", true);
        assertThat(xml).contains("<iothreads>3</iothreads>", "<driver iothread='1'/>", "<driver iothread='2'/>",
                "<driver iothread='3'/>");
        assertThat(held.domainXml("vm701", false)).contains("<domain type='qemu' id=");
    }

    @Test
    void defineOfADomainLintRejectsDefinesNothingAndExitsOne() throws Exception {
        List<String> before = held.domainNames();
        CliRunner run = CliRunner.run("define", "--connect", TEST, SHARED + "err-duplicate-target.xml");

        assertThat(run.status()).isEqualTo(1);
        assertThat(run.err()).contains("err-duplicate-target.xml:17:5: error: target 'vda' is used by two disks",
                "err-duplicate-target.xml: not defined: lint found 1 error (above)");
        assertThat(run.out()).isEmpty();
        assertThat(held.domainNames()).isEqualTo(before).doesNotContain("errdup");
    }

    @Test
    void defineWithFixOfADomainFixCannotRepairDefinesNothing() throws Exception {
        List<String> before = held.domainNames();
        CliRunner run = CliRunner.run("define", "--connect", TEST, "--fix", SHARED + "err-native-io-writeback.xml");

        assertThat(run.status()).isEqualTo(1);
        assertThat(run.err()).contains("not defined: libvirt refuses this domain");
        assertThat(held.domainNames()).isEqualTo(before);
    }

    @Test
    void dryRunDefinesNothing() throws Exception {
        CliRunner run = CliRunner.run("define", "--connect", TEST, "--dry-run", "--fix", VM701);

        assertThat(run.status()).isZero();
        assertThat(run.out()).isEqualTo(VM701 + " (fixed): lint passed; --dry-run: nothing defined on test:///default\n");
        assertThat(held.domainNames()).doesNotContain("vm701");
    }

    @Test
    void libvirtsOwnRefusalIsOneLineAndExitOne(@TempDir Path dir) throws Exception {
        // domxml accepts it; the test driver already has a domain "test" with another UUID
        Path clash = dir.resolve("clash.xml");
        Files.writeString(clash, Files.readString(Path.of(VM701)).replace("<name>vm701</name>", "<name>test</name>"));

        CliRunner run = CliRunner.run("define", "--connect", TEST, clash.toString());

        assertThat(run.status()).isEqualTo(1);
        assertThat(run.err()).endsWith("test:///default: error: libvirt refused the domain: operation failed: domain"
                + " 'test' already exists with uuid 6695eb01-f6a4-8304-79aa-97f2502e193f\n");
        assertThat(run.err()).doesNotContain("Exception", "\tat ");
    }

    @Test
    void unreachableLibvirtIsOneLineAndExitTwo() {
        CliRunner run = CliRunner.run("define", "--connect", UNREACHABLE, VM701);

        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).endsWith(UNREACHABLE + ": error: cannot connect: unable to connect to server at"
                + " '127.0.0.1:1': Connection refused\n");
    }

    @Test
    void fleetLintReportsEveryDomainOfEveryHostAndGoesOnPastAnUnreachableOne(@TempDir Path dir) throws Exception {
        String node = node(dir);

        CliRunner run = CliRunner.run("lint", "--connect", node, "--connect", UNREACHABLE, "--all");

        assertThat(run.status()).as("an unreachable host counts as an unreadable input").isEqualTo(2);
        assertThat(run.out()).contains(node + "/vm701:", "[scsi-shared-controller-iothread]",
                UNREACHABLE + ": error: cannot connect: unable to connect to server at '127.0.0.1:1': Connection refused [libvirt]");
        assertThat(run.out().lines().filter(l -> l.contains("[scsi-shared-controller-iothread]")))
                .anyMatch(l -> l.startsWith(node + "/vm701:"))
                .noneMatch(l -> l.startsWith(node + "/vm601:") || l.startsWith(node + "/perdisk:"));
        assertThat(run.err()).contains(node + ": 10 domains linted: ")
                .contains("vm601", "vm701").doesNotContain("\r");
    }

    @Test
    void fleetLintAsJsonNamesEachFindingUriSlashDomain(@TempDir Path dir) throws Exception {
        String node = node(dir);

        CliRunner run = CliRunner.run("lint", "--format=json", "--connect", node, "--all");

        assertThat(run.status()).as(run.out()).isZero();
        assertThat(run.out()).contains("\"files\" : 10", "\"file\" : \"" + node + "/vm701\"");
    }

    @Test
    void lintOfOneDomainFromLibvirt() {
        CliRunner run = CliRunner.run("lint", "--connect", TEST, "--domain", "test");

        assertThat(run.status()).isEqualTo(1);
        assertThat(run.out()).startsWith("test:///default/test:1:1: error: domain type 'test' is not a QEMU domain");
    }

    @Test
    void connectNeedsDomainOrAll() {
        assertThat(CliRunner.run("lint", "--connect", TEST).err())
                .isEqualTo("domxml lint: --connect needs either --domain NAME or --all\n");
        assertThat(CliRunner.run("lint", "--connect", TEST, "--all", "--domain", "x").status()).isEqualTo(2);
        assertThat(CliRunner.run("to-args", "--connect", TEST, VM701).status()).isEqualTo(2);
        assertThat(CliRunner.run("fix", "--connect", TEST).status()).isEqualTo(2);
        assertThat(CliRunner.run("fix", "--domain", "test", VM701).status()).isEqualTo(2);
        assertThat(CliRunner.run("to-args", "--connect", TEST, "--connect", TEST, "--domain", "test").err())
                .contains("give one --connect URI");
        assertThat(CliRunner.run("to-args").err()).isEqualTo("domxml to-args: no input: give FILE, or --domain NAME\n");
    }

    @Test
    void toArgsOfADomainReadFromLibvirtIsTheSameAsOfItsFile(@TempDir Path dir) throws Exception {
        String node = node(dir);

        CliRunner fromLibvirt = CliRunner.run("to-args", "--connect", node, "--domain", "vm701");
        CliRunner fromFile = CliRunner.run("to-args", VM701);

        assertThat(fromLibvirt.status()).as(fromLibvirt.err()).isZero();
        assertThat(fromLibvirt.out()).isEqualTo(fromFile.out());
        CliRunner outDir = CliRunner.run("to-args", "--connect", node, "--domain", "vm701", "--out-dir", dir.resolve("o").toString());
        assertThat(outDir.status()).isZero();
        assertThat(Files.readString(dir.resolve("o/vm701.args")).strip()).isEqualTo(fromFile.out().strip());
    }

    @Test
    void fixOfADomainReadFromLibvirt(@TempDir Path dir) throws Exception {
        String node = node(dir);

        CliRunner check = CliRunner.run("fix", "--check", "--connect", node, "--domain", "vm701");
        assertThat(check.status()).isEqualTo(1);
        assertThat(check.err()).contains(node + "/vm701: iothreads: declared 3");
        CliRunner fixed = CliRunner.run("fix", "--connect", node, "--domain", "vm701");
        assertThat(fixed.status()).isZero();
        assertThat(fixed.out()).contains("<iothreads>3</iothreads>", "<driver iothread='3'/>");
    }

    @Test
    void fixInPlaceOfALibvirtDomainRedefinesIt() throws Exception {
        held.define(Files.readString(Path.of(VM701)));

        CliRunner run = CliRunner.run("fix", "--in-place", "--connect", TEST, "--domain", "vm701");

        assertThat(run.status()).as(run.err()).isZero();
        assertThat(run.out()).isEqualTo("vm701 " + VM701_UUID + " redefined on test:///default (applies from the next start)\n");
        assertThat(held.domainXml("vm701", true)).contains("<iothreads>3</iothreads>");
    }

    @Test
    void compareWithATestDriverThatCannotBuildCommandLinesIsOneLine() {
        CliRunner run = CliRunner.run("to-args", "--compare-with", TEST, VM701);

        assertThat(run.status()).isEqualTo(1);
        assertThat(run.out()).contains("libvirt refuses the domain, domxml accepts it: libvirt refused the domain:"
                + " this function is not supported by the connection driver: virConnectDomainXMLToNative");
    }

    @Test
    void compareWithNeedsLibvirtsStyle() {
        assertThat(CliRunner.run("to-args", "--compare-with", TEST, "--style=legacy", VM701).status()).isEqualTo(2);
    }

    @Test
    void missingLibvirt0NamesThePackageAndExitsTwo() throws Exception {
        // JNA searches jna.platform.library.path for libvirt.so.0; pointing it nowhere is a host without libvirt0
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djna.platform.library.path=/nonexistent", "-cp", System.getProperty("java.class.path"),
                Main.class.getName()));
        for (List<String> args : List.of(List.of("dump", "test", "--connect", TEST), List.of("define", "--connect", TEST, VM701))) {
            List<String> full = new ArrayList<>(command);
            full.addAll(args);
            ExternalProcess.Result run = ExternalProcess.run(Duration.ofMinutes(1), full);
            assertThat(run.status()).as(run.err()).isEqualTo(2);
            assertThat(run.err()).as(args.toString()).endsWith("domxml: error: libvirt0 is not installed (apt-get install libvirt0)\n")
                    .doesNotContain("Exception");
            assertThat(run.out()).isEmpty();
        }
    }

    @Test
    void progressBarStaysOffWithoutATerminal() {
        java.io.StringWriter text = new java.io.StringWriter();
        try (ProgressBar bar = ProgressBar.start(new java.io.PrintWriter(text), 500)) {
            bar.step("x");
        }
        assertThat(text.toString()).isEmpty();
        assertThat(ProgressBar.render(5, 20, "qemu:///system/vm5"))
                .startsWith("[######                  ] 5/20 qemu:///system/vm5").hasSize(79);
        java.io.StringWriter drawn = new java.io.StringWriter();
        try (ProgressBar bar = new ProgressBar(new java.io.PrintWriter(drawn), 2)) {
            bar.step("a");
            bar.step("b");
        }
        assertThat(drawn.toString()).startsWith("\r[############            ] 1/2 a").endsWith("\r" + " ".repeat(79) + "\r");
    }

    /** A test-driver node holding vm701 and every accepted shared corpus domain: test:///DIR/node.xml. */
    private static String node(Path dir) throws Exception {
        StringBuilder node = new StringBuilder("<node>\n");
        try (Stream<Path> files = Files.list(Path.of(SHARED))) {
            for (Path args : files.filter(p -> p.toString().endsWith(".args")).sorted().toList()) {
                node.append(Files.readString(args.resolveSibling(args.getFileName().toString().replace(".args", ".xml"))));
            }
        }
        Path file = dir.resolve("node.xml");
        Files.writeString(file, node.append("</node>\n"));
        return "test://" + file.toAbsolutePath();
    }
}
