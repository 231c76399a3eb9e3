package dev.domxml.hostile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.domxml.hostile.HostileXmlTest.Run;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Command lines that say something QEMU 7.2 would refuse get one line naming the option, at the
 * option, and exit 2: from {@code from-args} on stderr, from {@code lint} as its one [parse] finding.
 */
class HostileArgsTest {
    private static final String SCSI = "-machine pc -device virtio-scsi-pci,id=scsi0"
            + " -drive file=/a.raw,format=raw,if=none,id=d0 -device scsi-hd,bus=scsi0.0,drive=d0";
    private static final String LSI = "-machine pc -device lsi,id=scsi0"
            + " -drive file=/a.raw,format=raw,if=none,id=d0 -device scsi-hd,bus=scsi0.0,drive=d0";

    /** A line, the option the error must point at (its last occurrence), and the message. */
    static Stream<Arguments> absurdNumbers() {
        return Stream.of(
                Arguments.of("memory-overflow", "-machine pc -m 99999999999999999999", "-m",
                        "-m 99999999999999999999 is out of range (0-9223372036854775807 bytes)"),
                Arguments.of("negative-vcpus", "-machine pc -m 512 -smp -2", "-smp",
                        "-smp: cpus=-2 is out of range (1-255 on machine pc)"),
                Arguments.of("vcpus-over-q35", "-machine q35 -m 512 -smp 4,maxcpus=289", "-smp",
                        "-smp: maxcpus=289 is out of range (1-288 on machine q35)"),
                Arguments.of("topology-overflow", "-machine pc -m 512 -smp sockets=255,cores=255,threads=255,dies=255",
                        "-smp", "-smp: sockets*dies*cores*threads = 4228250625 is more than the 255 vCPUs machine pc takes"),
                Arguments.of("virtio-scsi-lun", SCSI + ",lun=99999", "-device",
                        "-device scsi-hd: lun=99999 is out of range (0-16383 on virtio-scsi-pci scsi0)"),
                Arguments.of("negative-scsi-id", SCSI + ",scsi-id=-3", "-device",
                        "-device scsi-hd: scsi-id=-3 is out of range (0-255 on virtio-scsi-pci scsi0)"),
                Arguments.of("lsi-target", LSI + ",scsi-id=8", "-device",
                        "-device scsi-hd: scsi-id=8 is out of range (0-7 on lsi scsi0)"),
                Arguments.of("lsi-lun", LSI + ",lun=1", "-device", "-device scsi-hd: lun=1 is out of range (0-0 on lsi scsi0)"),
                Arguments.of("scsi-channel", SCSI + ",channel=1", "-device",
                        "-device scsi-hd: channel=1 is out of range (0-0 on virtio-scsi-pci scsi0)"),
                Arguments.of("scsi-bus-overflow", LSI.replace("bus=scsi0.0", "bus=scsi0.99999999999"), "-device",
                        "-device scsi-hd: bus=scsi0.99999999999 names no SCSI bus (lsi scsi0 has one: scsi0.0)"),
                Arguments.of("drive-scsi-unit", "-machine pc -device lsi,id=scsi0 -drive file=/a.raw,format=raw,if=scsi,unit=99999",
                        "-drive", "-drive: unit=99999 is out of range (0-6 for if=scsi: 7 units a bus)"),
                Arguments.of("drive-ide-index", "-machine pc -drive file=/a.raw,format=raw,if=ide,index=-1", "-drive",
                        "-drive: index=-1 is out of range (0-5 for if=ide)"),
                Arguments.of("drive-ide-index-pc", "-machine pc -drive file=/a.raw,format=raw,if=ide,index=4", "-drive",
                        "-drive: index=4 is out of range (0-3 for if=ide on machine pc)"),
                Arguments.of("ide-unit", "-machine pc -drive file=/a.raw,format=raw,if=none,id=d0"
                        + " -device ide-hd,bus=ide.0,unit=2,drive=d0", "-device",
                        "-device ide-hd: unit=2 is out of range (0-1 on an IDE bus)"),
                Arguments.of("pci-bridge-overflow", "-machine pc -device virtio-scsi-pci,id=scsi0,bus=pci.99999999999",
                        "-device", "-device virtio-scsi-pci: bus=pci.99999999999 is out of range (1-255 for an assumed pci-bridge)"),
                Arguments.of("json-addr-overflow", "-machine pc -device '{\"driver\":\"virtio-scsi-pci\",\"id\":\"scsi0\","
                        + "\"addr\":4294967304}'", "-device",
                        "-device virtio-scsi-pci: addr=4294967304 is out of range (0-255 slot * 8 + function)"),
                Arguments.of("queues", "-machine pc -device virtio-scsi-pci,id=scsi0,num_queues=0", "-device",
                        "-device virtio-scsi-pci: num_queues=0 is out of range (1-1022)"),
                Arguments.of("wwn-overflow", SCSI + ",wwn=0x1ffffffffffffffff", "-device",
                        "-device scsi-hd: wwn=0x1ffffffffffffffff is out of range (0-18446744073709551615)"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("absurdNumbers")
    void absurdNumbersAreRefusedNamingTheOption(String name, String line, String option, String message, @TempDir Path dir)
            throws Exception {
        assertRefusedAtLastOption(dir.resolve(name + ".args"), line, option, message);
    }

    static Stream<Arguments> repeatedOptions() {
        return Stream.of("-m 512|-m 1024", "-smp 2|-smp 4", "-name a|-name b",
                "-uuid 11111111-2222-3333-4444-555555555555|-uuid 11111111-2222-3333-4444-666666666666",
                "-cpu qemu64|-cpu max", "-m 512|-m 512").map(pair -> Arguments.of((Object[]) pair.split("\\|")));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("repeatedOptions")
    void anOptionQemuTakesOnceIsRefusedWhenGivenTwice(String first, String second, @TempDir Path dir) throws Exception {
        String option = first.split(" ")[0];
        String line = "qemu-system-x86_64 -machine pc " + first + " -device virtio-scsi-pci,id=scsi0 " + second;
        int firstColumn = line.indexOf(" " + option + " ") + 2;

        assertRefusedAtLastOption(dir.resolve("twice.args"), line, option, option + " is given twice (first at 1:"
                + firstColumn + "); QEMU would silently take the last");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"-machine pc|-machine q35", "-M pc|-machine q35", "-machine q35,usb=off|-M q35,usb=on"})
    void aRepeatedMachineKeyWithAnotherValueIsRefused(String pair, @TempDir Path dir) throws Exception {
        String[] options = pair.split("\\|");
        String line = "qemu-system-x86_64 " + options[0] + " -m 512 " + options[1];
        String option = options[1].split(" ")[0];
        String key = options[1].contains("usb") ? "usb" : "type";
        String[] values = key.equals("usb") ? new String[] {"on", "off"} : new String[] {"q35", "pc"};

        assertRefusedAtLastOption(dir.resolve("machine.args"), line, option, option + ": " + key + "=" + values[0]
                + " contradicts " + key + "=" + values[1] + " given at 1:20; QEMU would silently take the last");
    }

    @Test
    void repeatedMachineOptionsMergeKeyByKeyAsInQemu(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("merged.args");
        Files.writeString(file, "qemu-system-x86_64 -M q35 -machine accel=kvm -machine q35,usb=off -m 512 -smp 1\n");

        Run run = HostileXmlTest.run("from-args", file.toString());

        assertThat(run.status()).as(run.err()).isZero();
        assertThat(run.out()).startsWith("<domain type=\"kvm\">").contains("machine=\"q35\"");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void aFiftyMegabyteCommandLineIsRefusedWithTheSizeErrorOfXml(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("huge.args");
        byte[] content = new byte[50 * 1024 * 1024];
        java.util.Arrays.fill(content, (byte) 'x');
        System.arraycopy("-device ".getBytes(java.nio.charset.StandardCharsets.US_ASCII), 0, content, 0, 8);
        Files.write(file, content);

        assertBothRefuse(file, file + ": error: file is larger than 8 MiB; refusing to parse it");
    }

    @Test
    void tenThousandDevicesAreProcessedInSeconds(@TempDir Path dir) throws Exception {
        StringBuilder line = new StringBuilder("qemu-system-x86_64 -machine pc -m 1G -smp 2 -device virtio-scsi-pci,id=scsi0");
        for (int i = 0; i < 10_000; i++) {
            line.append(" -drive file=/d/").append(i).append(".raw,format=raw,if=none,id=d").append(i)
                    .append(" -device scsi-hd,bus=scsi0.0,scsi-id=").append(i / 100).append(",lun=").append(i % 100)
                    .append(",drive=d").append(i);
        }
        Path file = dir.resolve("many.args");
        Files.writeString(file, line.append('\n'));

        Run fromArgs = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> HostileXmlTest.run("from-args", file.toString()));
        Run lint = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> HostileXmlTest.run("lint", file.toString()));

        assertThat(fromArgs.status()).as(fromArgs.err()).isZero();
        assertThat(fromArgs.out().split("<disk ", -1)).hasSize(10_001);
        assertThat(fromArgs.err().lines()).as("each warning one short line").allSatisfy(w -> assertThat(w).hasSizeLessThan(2000));
        assertThat(lint.status()).as(lint.out()).isZero();
    }

    @Test
    void aMillionWrappedLinesAreJoinedInLinearTime(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("wrapped.args");
        Files.writeString(file, "-machine pc -m 512 -smp 1 -device virtio-scsi-pci,id=scsi0,serial=\n" + "x\n".repeat(1_000_000));

        Run run = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> HostileXmlTest.run("from-args", file.toString()));

        assertThat(run.status()).as(run.err()).isZero();
        assertThat(run.err().lines()).as("each warning one short line").allSatisfy(w -> assertThat(w).hasSizeLessThan(2000));
        assertThat(run.err()).contains(file + ":2:1: warning: lines 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, and 999990 more start"
                + " in the middle of an option value");
    }

    @Test
    void aControlCharacterIsRefusedWhereItIsWritten(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("control.args");
        String line = "-machine pc -m 512 -smp 1 -name 'guest\u0001one'";

        assertRefused(file, line, line.indexOf('\u0001') + 1,
                "control character U+0001 in a command line: domain XML cannot hold it");
    }

    @Test
    void leftOutOptionsWithRunsOfDashesStayInAWellFormedComment(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("dashes.args");
        Files.writeString(file, "-machine pc -m 512 -smp 1 -global a---b -k en--us\n");
        Path xml = dir.resolve("dashes.xml");

        Run fromArgs = HostileXmlTest.run("from-args", "-o", xml.toString(), file.toString());
        Run lint = HostileXmlTest.run("lint", "--no-schema", xml.toString());

        assertThat(fromArgs.status()).as(fromArgs.err()).isZero();
        assertThat(Files.readString(xml)).contains("-global a- - -b").contains("-k en- -us");
        assertThat(lint.out()).as("domxml reads the XML it wrote").doesNotContain("[parse]");
    }

    @Test
    void aBlockdevKeyWithAnEmptyDottedPartIsRefusedAsQemuDoes(@TempDir Path dir) throws Exception {
        String line = "-machine pc -m 512 -smp 1 -blockdev driver=file,node-name=f0,filename=/a.raw,cache..direct=on";

        assertRefused(dir.resolve("dots.args"), line, line.indexOf("cache..") + 1,
                "-blockdev: 'cache..direct' is not a valid key (a part between its dots is empty)");
    }

    @Test
    void filterNodesThatNameEachOtherAreRefusedNotFollowedForever(@TempDir Path dir) throws Exception {
        String line = "-machine pc -m 512 -smp 1 -blockdev driver=throttle,node-name=a,file=b,throttle-group=t"
                + " -blockdev driver=throttle,node-name=b,file=a,throttle-group=t -device virtio-blk-pci,drive=a";

        assertRefused(dir.resolve("loop.args"), line, line.indexOf("-blockdev") + 1,
                "-blockdev throttle a: its file= chain loops back to a");
    }

    /** Writes {@code line}, runs from-args and lint on it: both refuse with the same one line, at {@code option}. */
    static void assertRefusedAtLastOption(Path file, String line, String option, String message) throws Exception {
        assertRefused(file, line, line.lastIndexOf(" " + option + " ") + 2, message);
    }

    /** Writes {@code line}, runs from-args and lint on it: both refuse with the same one line. */
    static void assertRefused(Path file, String line, int column, String message) throws Exception {
        Files.writeString(file, line + "\n");
        assertBothRefuse(file, file + ":1:" + column + ": error: " + message);
    }

    /** from-args and lint on {@code file} both refuse it with the one line {@code expected}, exit 2. */
    static void assertBothRefuse(Path file, String expected) {
        Run fromArgs = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> HostileXmlTest.run("from-args", file.toString()));
        Run lint = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> HostileXmlTest.run("lint", file.toString()));

        assertThat(fromArgs.status()).as("from-args exit status: %s", fromArgs.err()).isEqualTo(2);
        assertThat(fromArgs.out()).isEmpty();
        assertThat(fromArgs.err()).isEqualTo(expected + "\n");
        assertThat(lint.status()).as("lint exit status: %s", lint.out()).isEqualTo(2);
        assertThat(lint.err()).isEmpty();
        assertThat(lint.out()).isEqualTo(expected + " [parse]\n");
    }
}
