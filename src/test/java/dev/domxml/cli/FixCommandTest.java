package dev.domxml.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FixCommandTest {
    private static final Path VM701 = Path.of("src/test/resources/corpus/libvirt-9.0/seed-vm701-no-iothread.xml");

    @Test
    void inPlaceReplacesTheFileKeepsItsModeAndLeavesNoTempFile(@TempDir Path dir) throws Exception {
        Path file = Files.copy(VM701, dir.resolve("vm701.xml"));
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));

        CliRunner run = CliRunner.run("fix", "--in-place", file.toString());

        assertThat(run.status()).as(run.err()).isZero();
        assertThat(Files.readString(file)).contains("<iothreads>3</iothreads>");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-r-----");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).containsExactly(file);
        }
        assertThat(CliRunner.run("fix", "--check", file.toString()).status()).isZero();
    }

    @Test
    void aKvmCommandLineIsToldApartByContentAndFixedAsACommandLine(@TempDir Path dir) throws Exception {
        Path file = Files.copy(Path.of("src/test/resources/kvm-args/proxmox-vm701-virtio-scsi-pci.txt"), dir.resolve("vm701"));

        CliRunner check = CliRunner.run("fix", "--check", file.toString());
        CliRunner diff = CliRunner.run("fix", "--diff", file.toString());
        CliRunner inPlace = CliRunner.run("fix", "--in-place", file.toString());

        assertThat(check.status()).isEqualTo(1);
        assertThat(diff.out()).contains("+-device virtio-scsi-pci,id=scsihw1,bus=pci.0,addr=0x2,iothread=iothread-scsihw1",
                "+-object iothread,id=iothread-scsihw1", "-device scsi-hd,bus=scsihw0.0,channel=0,scsi-id=0,lun=1");
        assertThat(inPlace.status()).as(inPlace.err()).isZero();
        assertThat(inPlace.err()).contains("scsi1: moved from scsihw0", "guest-visible");
        assertThat(Files.readString(file)).contains("-device scsi-hd,bus=scsihw2.0,channel=0,scsi-id=0,lun=0,drive=drive-scsi2")
                .doesNotContain("<");
        assertThat(CliRunner.run("fix", "--check", file.toString()).status()).isZero();
    }

    @Test
    void inPlaceOnAMalformedFileLeavesItByteIdentical(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("broken.xml");
        byte[] content = "<domain type='qemu'>\n  <devices>\n    <disk>\n</domain>\n".getBytes();
        Files.write(file, content);

        CliRunner run = CliRunner.run("fix", "--in-place", file.toString());

        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).startsWith(file + ":4:3: error:");
        assertThat(Files.readAllBytes(file)).isEqualTo(content);
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void inPlaceOnARefusedDomainLeavesItByteIdentical(@TempDir Path dir) throws Exception {
        Path file = Files.copy(Path.of("src/test/resources/corpus/libvirt-9.0/err-duplicate-target.xml"),
                dir.resolve("dup.xml"));
        byte[] before = Files.readAllBytes(file);

        CliRunner run = CliRunner.run("fix", "--in-place", file.toString());

        assertThat(run.status()).isEqualTo(1);
        assertThat(run.err()).contains("[duplicate-target]", "not fixed");
        assertThat(Files.readAllBytes(file)).isEqualTo(before);
    }

    @Test
    void checkExitsOneWhenAFixIsNeeded() {
        CliRunner run = CliRunner.run("fix", "--check", VM701.toString());

        assertThat(run.status()).isEqualTo(1);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).contains("sdb: moved from controller 0");
    }

    @Test
    void diffShowsOnlyTheChange() {
        CliRunner run = CliRunner.run("fix", "--diff", VM701.toString());

        assertThat(run.status()).isZero();
        assertThat(run.out()).startsWith("--- a/" + VM701 + "\n+++ b/" + VM701 + "\n@@ ")
                .contains("-    <controller type='scsi' index='0' model='virtio-scsi'/>",
                        "+      <address type='drive' controller='1' bus='0' target='0' unit='0'/>");
    }

    @Test
    void badPoolSizeIsAUsageError() {
        assertThat(CliRunner.run("fix", "--iothreads=0", VM701.toString()).status()).isEqualTo(2);
        assertThat(CliRunner.run("fix", "--iothreads=many", VM701.toString()).status()).isEqualTo(2);
    }
}
