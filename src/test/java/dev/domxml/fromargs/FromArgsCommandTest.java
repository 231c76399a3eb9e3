package dev.domxml.fromargs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.domxml.cli.Main;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code domxml from-args} and {@code domxml lint} on command lines, as a user runs them. */
class FromArgsCommandTest {
    private static final String KVM_ARGS = "src/test/resources/kvm-args/";
    private static final String VM701 = KVM_ARGS + "proxmox-vm701-virtio-scsi-pci.txt";

    record Run(int status, String out, String err) {}

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = Main.run(args, new PrintWriter(out), new PrintWriter(err));
        return new Run(status, out.toString(), err.toString());
    }

    private static Run runWithStdin(String stdin, String... args) {
        InputStream saved = System.in;
        System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
        try {
            return run(args);
        } finally {
            System.setIn(saved);
        }
    }

    @Test
    void fromArgsWritesTheXmlAndWarnsOnStderr() {
        Run run = run("from-args", VM701);

        assertThat(run.status()).isZero();
        assertThat(run.out()).startsWith("<domain type=\"qemu\">").contains("<controller type=\"scsi\" index=\"0\" model=\"virtio-scsi\">");
        assertThat(run.err()).contains(VM701 + ":4:1: warning: lines 4, 6, 9, 11, 14, 16 start in the middle of an option value");
    }

    @Test
    void fromArgsReadsStdinAndWritesAFile(@TempDir Path dir) throws Exception {
        Path xml = dir.resolve("guest.xml");

        Run run = runWithStdin("-machine pc -m 1G -smp 1 -drive file=/images/a.raw,format=raw,if=virtio\n",
                "from-args", "-o", xml.toString(), "-");

        assertThat(run.status()).isZero();
        assertThat(run.out()).isEmpty();
        assertThat(Files.readString(xml)).contains("<source file=\"/images/a.raw\"/>");
    }

    @Test
    void malformedLinesExitTwoWithOneLineNamingTheOption(@TempDir Path dir) throws Exception {
        Path quote = dir.resolve("quote.args");
        Files.writeString(quote, "qemu-system-x86_64 -machine pc \\\n  -device 'virtio-scsi-pci,id=scsi0 -m 512\n");
        Path json = dir.resolve("json.args");
        Files.writeString(json, "qemu-system-x86_64 -blockdev '{\"driver\":\"file\",\"filename\":\"/a.raw\",}'\n");
        Path dangling = dir.resolve("dangling.args");
        Files.writeString(dangling, "-device virtio-scsi-pci,id=scsi0\n-device scsi-hd,bus=scsi0.0,drive=drive-scsi9\n");

        Run[] runs = {run("from-args", quote.toString()), run("from-args", json.toString()),
            run("from-args", dangling.toString())};

        assertThat(runs).allSatisfy(r -> {
            assertThat(r.status()).isEqualTo(2);
            assertThat(r.out()).isEmpty();
            assertThat(r.err().lines()).hasSize(1);
            assertThat(r.err()).doesNotContain("Exception").doesNotContain("\tat ");
        });
        assertThat(runs[0].err()).isEqualTo(quote + ":2:11: error: unbalanced ' quote: it is never closed (in the value of -device)\n");
        assertThat(runs[1].err()).startsWith(json + ":1:68: error: -blockdev: broken JSON: Unexpected character ('}'");
        assertThat(runs[2].err()).isEqualTo(dangling + ":2:1: error: -device scsi-hd: drive=drive-scsi9 names no -drive id"
                + " or -blockdev node-name\n");
    }

    @Test
    void aMissingFileIsAOneLineError() {
        Run run = run("from-args", "no/such.args");

        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("no/such.args: error: no such file\n");
    }

    @Test
    void lintOnTheVm701LineWarnsThatThreeDisksShareOneController() {
        Run run = run("lint", VM701);

        assertThat(run.status()).as("warnings alone do not fail").isZero();
        assertThat(run.out()).contains(VM701 + ":1:1: warning: disks sda, sdb, sdc share virtio-scsi controller scsihw0"
                + " and so no I/O thread").contains("[scsi-shared-controller-iothread]");
        assertThat(run("lint", "--fail-on=warning", VM701).status()).isEqualTo(1);
    }

    @Test
    void lintTellsXmlFromCommandLinesByContentUnlessTold() {
        String seedXml = "src/test/resources/corpus/libvirt-9.0/seed-vm701-no-iothread.xml";

        assertThat(run("lint", "--no-schema", seedXml, VM701).out())
                .contains(seedXml + ":12:5: warning: disks sda, sdb, sdc share")
                .contains(VM701 + ":1:1: warning: disks sda, sdb, sdc share");
        assertThat(run("lint", "--input=args", VM701).status()).isZero();
        Run asXml = run("lint", "--input=xml", VM701);
        assertThat(asXml.status()).isEqualTo(2);
        assertThat(asXml.out()).contains("[parse]");
        assertThat(run("lint", "--input=yaml", VM701).status()).isEqualTo(2);
    }

    @Test
    void lintReportsAMalformedLineAsUnreadable(@TempDir Path dir) throws Exception {
        Path bad = dir.resolve("bad.args");
        Files.writeString(bad, "-device virtio-scsi-pci,id=scsi0,iothread=iothread1\n");

        Run run = run("lint", "--format=json", bad.toString());

        assertThat(run.status()).isEqualTo(2);
        assertThat(run.out()).contains("\"rule\" : \"parse\"")
                .contains("-device virtio-scsi-pci: iothread=iothread1 names no -object iothread");
    }
}
