package dev.domxml.fix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.difflib.DiffUtils;
import com.github.difflib.patch.AbstractDelta;
import dev.domxml.lint.Linter;
import dev.domxml.report.Diagnostic;
import dev.domxml.rules.DomainMapper;
import dev.domxml.xml.DomainReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DomainFixerTest {
    private static final Path HAND_EDITED = Path.of("src/test/resources/fix/hand-edited.xml");
    private static final Path VM701 = Path.of("src/test/resources/corpus/libvirt-9.0/seed-vm701-no-iothread.xml");

    @Test
    void onlyTheTouchedControllersDisksAndIothreadsLinesDiffer() throws Exception {
        FixResult result = DomainFixer.fix(DomainReader.readEditable(HAND_EDITED), FixOptions.perDisk());

        List<String> before = lines(result.original());
        List<String> after = lines(result.fixed());
        for (AbstractDelta<String> delta : DiffUtils.diff(before, after).getDeltas()) {
            assertThat(delta.getSource().getLines()).allSatisfy(line ->
                    assertThat(line).containsPattern("<iothreads>|<driver |<address "));
            assertThat(delta.getTarget().getLines()).allSatisfy(line ->
                    assertThat(line).containsPattern("^\t+(<iothreads>|<driver |<address |<controller |</controller>)"));
        }
        assertThat(result.fixed())
                .contains("<!-- Hand-edited: tabs, odd attribute order, double quotes, comments and foreign metadata. -->",
                        "<ops:owner team=\"storage\" ticket=\"OPS-1234\">alice</ops:owner>",
                        "<disk device=\"disk\" type=\"file\">   <!-- data -->",
                        "\t\t<controller model=\"virtio-scsi\" index=\"0\" type=\"scsi\">\n\t\t\t<driver queues=\"4\" iothread=\"1\"/>",
                        "\t\t<controller type=\"scsi\" index=\"1\" model=\"virtio-scsi\">\n\t\t\t<driver iothread=\"2\"/>\n\t\t</controller>")
                .doesNotContain("'");
    }

    @Test
    void theFixedDomainHasNothingLeftToSayAboutIothreads() throws Exception {
        FixResult result = DomainFixer.fix(DomainReader.readEditable(HAND_EDITED), FixOptions.perDisk());

        List<Diagnostic> findings = Linter.lint(DomainReader.read(result.fixed().getBytes(StandardCharsets.UTF_8), "fixed"));

        assertThat(findings).extracting(Diagnostic::ruleId).doesNotContain(
                "scsi-shared-controller-iothread", "iothread-missing", "iothread-unused", "iothread-unsupported-bus");
        assertThat(result.changes()).anyMatch(c -> c.contains("sdb: moved from controller 0"))
                .anyMatch(c -> c.contains("guest-visible"));
    }

    @Test
    void fixIsIdempotent() throws Exception {
        FixResult first = DomainFixer.fix(DomainReader.readEditable(VM701), FixOptions.perDisk());
        FixResult second = DomainFixer.fix(
                DomainReader.readEditable(first.fixed().getBytes(StandardCharsets.UTF_8), "again.xml"), FixOptions.perDisk());

        assertThat(first.changed()).isTrue();
        assertThat(second.changed()).isFalse();
        assertThat(second.fixed()).isEqualTo(first.fixed());
    }

    @Test
    void seedVm701GetsThreeControllersWithThreeIothreads() throws Exception {
        String fixed = DomainFixer.fix(DomainReader.readEditable(VM701), FixOptions.perDisk()).fixed();

        assertThat(fixed).contains("<iothreads>3</iothreads>",
                "<controller type='scsi' index='1' model='virtio-scsi'>\n      <driver iothread='2'/>",
                "<address type='drive' controller='2' bus='0' target='0' unit='0'/>");
    }

    @ParameterizedTest(name = "line end #{index}")
    @ValueSource(strings = {"\r\n", "\r"})
    void aWindowsOrOldMacFileIsFixedInItsOwnLineEnds(String lineEnd) throws Exception {
        String unix = Files.readString(VM701);
        byte[] content = unix.replace("\n", lineEnd).getBytes(StandardCharsets.UTF_8);

        String fixed = DomainFixer.fix(DomainReader.readEditable(content, "vm701.xml"), FixOptions.perDisk()).fixed();

        assertThat(fixed.replace("\r\n", "\n").replace('\r', '\n'))
                .isEqualTo(DomainFixer.fix(DomainReader.readEditable(VM701), FixOptions.perDisk()).fixed());
        assertThat(fixed.split(java.util.regex.Pattern.quote(lineEnd), -1)).allSatisfy(line ->
                assertThat(line).doesNotContain("\n").doesNotContain("\r"));
    }

    @Test
    void anIothreadOnADiskOfAnEmulatedControllerLeftAloneIsRemoved() throws Exception {
        String xml = "<domain type='qemu'>\n  <name>emu</name>\n  <memory unit='MiB'>128</memory>\n"
                + "  <iothreads>1</iothreads>\n  <os>\n    <type arch='x86_64' machine='pc'>hvm</type>\n  </os>\n"
                + "  <devices>\n    <disk type='file' device='disk'>\n      <driver name='qemu' type='raw' iothread='1'/>\n"
                + "      <source file='/var/tmp/a.raw'/>\n      <target dev='sda' bus='scsi'/>\n    </disk>\n"
                + "  </devices>\n</domain>\n";

        FixResult result = DomainFixer.fix(DomainReader.readEditable(xml.getBytes(StandardCharsets.UTF_8), "emu.xml"),
                FixOptions.perDisk());

        assertThat(result.fixed()).contains("<driver name='qemu' type='raw'/>").doesNotContain("<controller");
        assertThat(DomainMapper.map(DomainReader.read(result.fixed().getBytes(StandardCharsets.UTF_8), "fixed"))
                .accepted()).isTrue();
        assertThat(result.changes()).anyMatch(c -> c.startsWith("left alone: sda on emulated lsilogic"));
    }

    @Test
    void aPoolSpreadsDisksRoundRobin() throws Exception {
        String fixed = DomainFixer.fix(DomainReader.readEditable(VM701), new FixOptions(OptionalInt.of(2), false)).fixed();

        assertThat(fixed).contains("<iothreads>2</iothreads>", "<driver iothread='1'/>", "<driver iothread='2'/>");
        assertThat(fixed.split("<driver iothread='1'/>", -1)).hasSize(3);
    }

    @Test
    void explicitIothreadIdsGetNewIdsThatDoNotCollide() throws Exception {
        Path iothreadIds = Path.of("src/test/resources/corpus/libvirt-9.0/iothreadids-explicit.xml");

        FixResult result = DomainFixer.fix(DomainReader.readEditable(iothreadIds), FixOptions.perDisk());

        assertThat(result.fixed()).contains("<iothreads>3</iothreads>", "<iothread id='5'/>", "<iothread id='7'/>",
                "<iothread id='1'/>");
    }

    @Test
    void emulatedControllersChangeOnlyWhenAsked() throws Exception {
        Path lsi = Path.of("src/test/resources/corpus/libvirt-9.0/lsi-controller.xml");

        assertThat(DomainFixer.fix(DomainReader.readEditable(lsi), FixOptions.perDisk()).changed()).isFalse();
        FixResult converted = DomainFixer.fix(DomainReader.readEditable(lsi), new FixOptions(OptionalInt.empty(), true));
        assertThat(converted.fixed()).contains("<controller type='scsi' index='0' model='virtio-scsi'>");
        assertThat(converted.changes()).anyMatch(c -> c.contains("needs the virtio-scsi driver"));
    }

    @Test
    void aDomainRefusedForAnotherReasonIsNotTouched() {
        Path refused = Path.of("src/test/resources/corpus/libvirt-9.0/err-native-io-writeback.xml");

        assertThatThrownBy(() -> DomainFixer.fix(DomainReader.readEditable(refused), FixOptions.perDisk()))
                .isInstanceOf(DomainFixer.NotFixable.class).hasMessageContaining("io='native'");
    }

    @Test
    void anIothreadOnAScsiDiskMovesToItsController() throws Exception {
        Path wrong = Path.of("src/test/resources/corpus/libvirt-9.0/err-iothread-on-scsi-disk.xml");

        FixResult result = DomainFixer.fix(DomainReader.readEditable(wrong), FixOptions.perDisk());

        assertThat(result.fixed()).contains("<driver name='qemu' type='raw'/>")
                .contains("<controller type='scsi' index='0' model='virtio-scsi'>\n      <driver iothread='1'/>")
                .contains("<iothreads>1</iothreads>");
    }

    private static List<String> lines(String text) {
        return Arrays.asList(text.split("\n", -1));
    }

    static byte[] read(Path file) throws java.io.IOException {
        return Files.readAllBytes(file);
    }
}
