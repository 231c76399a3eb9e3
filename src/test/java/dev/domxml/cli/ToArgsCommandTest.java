package dev.domxml.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ToArgsCommandTest {
    private static final String CORPUS = "src/test/resources/corpus/oracle/";
    private static final String SEED = "src/test/resources/rules/virtio-scsi-single-good.xml";

    @Test
    void printsOneShellLineByDefault() {
        CliRunner run = CliRunner.run("to-args", SEED);

        assertThat(run.status()).isZero();
        assertThat(run.out().strip()).doesNotContain("\n").startsWith("/usr/bin/qemu-system-x86_64 -name guest=");
        assertThat(run.out()).contains("-object '{\"qom-type\":\"iothread\",\"id\":\"iothread1\"}'",
                "\"driver\":\"virtio-scsi-pci\",\"iothread\":\"iothread1\",\"id\":\"scsi0\",\"num_queues\":2");
    }

    @Test
    void legacyStyleUsesDriveAndKeyValueDevicesWithTheSameIds() {
        CliRunner run = CliRunner.run("to-args", "--style=legacy", "--format=lines", SEED);

        assertThat(run.status()).isZero();
        assertThat(run.out()).contains(
                "-object iothread,id=iothread1 \\",
                "-device virtio-scsi-pci,iothread=iothread1,id=scsi0,num_queues=2,bus=pci.1,addr=0x0 \\",
                "-drive file=/var/tmp/a.raw,format=raw,if=none,id=drive-scsi0-0-0-0,cache=none,aio=native,"
                        + "discard=unmap,detect-zeroes=unmap \\",
                "drive=drive-scsi0-0-0-0,id=scsi0-0-0-0");
        assertThat(run.out()).doesNotContain("-blockdev", "{");
    }

    @Test
    void jsonFormatIsAnArgvArray() throws Exception {
        CliRunner run = CliRunner.run("to-args", "--format=json", SEED);

        List<String> argv = new ObjectMapper().readValue(run.out(), new TypeReference<List<String>>() {});
        assertThat(argv.get(0)).isEqualTo("/usr/bin/qemu-system-x86_64");
        assertThat(argv).contains("-blockdev", "-nodefaults");
    }

    @Test
    void qmpAddsAMonitorSocket() {
        CliRunner run = CliRunner.run("to-args", "--qmp", "/tmp/x.sock", SEED);

        assertThat(run.out()).contains("-chardev socket,id=charmonitor,path=/tmp/x.sock,server=on,wait=off",
                "-mon chardev=charmonitor,id=monitor,mode=control");
    }

    @Test
    void refusedDomainExitsOneWithTheElementsPosition() {
        CliRunner run = CliRunner.run("to-args", "src/test/resources/rules/io-native-cache-bad.xml");

        assertThat(run.status()).isEqualTo(1);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).startsWith("src/test/resources/rules/io-native-cache-bad.xml:10:5: error: disk 'vda'")
                .contains("[io-native-cache]");
    }

    @Test
    void malformedXmlExitsTwoWithLineAndColumn(@TempDir Path dir) throws Exception {
        Path broken = dir.resolve("broken.xml");
        Files.writeString(broken, "<domain type='qemu'>\n  <name>x</name>\n  <devices>\n</domain>\n");

        CliRunner run = CliRunner.run("to-args", broken.toString());

        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).startsWith(broken + ":4:3: error: ").doesNotContain("Exception", "\tat ");
    }

    @Test
    void doctypeIsRefused(@TempDir Path dir) throws Exception {
        Path xxe = dir.resolve("xxe.xml");
        Files.writeString(xxe, "<?xml version='1.0'?>\n<!DOCTYPE d [<!ENTITY x SYSTEM 'file:///etc/passwd'>]>\n"
                + "<domain type='qemu'><name>&x;</name></domain>\n");

        CliRunner run = CliRunner.run("to-args", xxe.toString());

        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).contains("DOCTYPE").doesNotContain("root:");
    }

    @Test
    void missingFileAndDirectoryAreClearErrors(@TempDir Path dir) {
        assertThat(CliRunner.run("to-args", dir.resolve("nope.xml").toString()).err()).endsWith("error: no such file\n");
        assertThat(CliRunner.run("to-args", "--out-dir", dir.resolve("o").toString(), dir.toString()).status()).isZero();
    }

    @Test
    void outDirWritesOneFilePerDomain(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("args");

        // the references are libvirt's on the host that made them: a TSC frequency this host cannot give is not refused
        CliRunner run = CliRunner.run("to-args", "--any-host", "--out-dir", out.toString(), CORPUS);

        assertThat(run.status()).as(run.err()).isEqualTo(1);
        long accepted;
        try (var files = Files.list(Path.of(CORPUS))) {
            accepted = files.filter(p -> p.toString().endsWith(".args")).count();
        }
        try (var files = Files.list(out)) {
            assertThat(files.filter(p -> p.toString().endsWith(".args")).count()).isEqualTo(accepted).isPositive();
        }
        assertThat(Files.readString(out.resolve("pc-boot-order-across-buses.args"))).startsWith("/usr/bin/qemu-system-x86_64");
        assertThat(Files.exists(out.resolve("err-shareable-qcow2.args"))).isFalse();
    }

    @Test
    void severalInputsWithoutOutDirIsAUsageError() {
        CliRunner run = CliRunner.run("to-args", SEED, SEED);

        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).contains("--out-dir");
    }

    @Test
    void helpAndVersion() {
        assertThat(CliRunner.run("--version").out()).startsWith("domxml ");
        assertThat(CliRunner.run("to-args", "--help").out()).contains("--style", "--format", "--qmp", "--out-dir");
        assertThat(CliRunner.run("to-args", "--bogus").status()).isEqualTo(2);
    }

    @Test
    void filesWrittenToOutDirGetTheUsersUmaskNotAPrivateTempMode(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("out");
        Files.createDirectories(out);
        Path plain = Files.createFile(out.resolve("made-by-java"));

        CliRunner run = CliRunner.run("to-args", "--out-dir", out.toString(), "samples/vm701-shared-controller.xml");

        assertThat(run.status()).as(run.err()).isZero();
        assertThat(Files.getPosixFilePermissions(out.resolve("vm701-shared-controller.args")))
                .isEqualTo(Files.getPosixFilePermissions(plain));
    }
}
