package dev.domxml.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.domxml.args.ArgvComparison;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Proxmox VE VM configs through lint, to-args, fix and from-pve. */
class PveCommandsTest {
    private static final Path PVE = Path.of("src/test/resources/pve");
    private static final Path SEEDS = Path.of("src/test/resources/kvm-args");
    private static final String STORAGE_CFG = PVE.resolve("storage.cfg").toString();

    /**
     * The configs Proxmox would have generated the seed lines from give back the same storage options: every
     * -object iothread, -drive, and storage -device, compared as key=value maps (order of keys and of the
     * options does not count: the seeds are excerpts).
     */
    @ParameterizedTest
    @CsvSource({"601.conf, proxmox-vm601-virtio-scsi-single.txt", "701.conf, proxmox-vm701-virtio-scsi-pci.txt"})
    void configTwinsOfTheSeedLinesGiveBackTheirStorageOptionsKeyByKey(String config, String seed) throws Exception {
        CliRunner run = CliRunner.run("to-args", "--style=legacy", "--format=lines", "--storage-cfg", STORAGE_CFG,
                PVE.resolve(config).toString());

        assertThat(run.status()).as(run.err()).isZero();
        assertThat(run.err()).isEmpty();
        List<Map<String, String>> ours = storageOptions(run.out().replace("\\\n", " "));
        List<Map<String, String>> theirs = storageOptions(joinPastedWraps(Files.readString(SEEDS.resolve(seed))));
        assertThat(theirs).hasSizeGreaterThanOrEqualTo(7);
        assertThat(ours).containsExactlyInAnyOrderElementsOf(theirs);
    }

    @Test
    void iothreadOnAVirtioScsiPciConfigIsReportedNamingEveryDiskAtTheScsihwLine() {
        CliRunner run = CliRunner.run("lint", PVE.resolve("701-iothread.conf").toString());

        assertThat(run.status()).as(run.err()).isZero();
        assertThat(run.out().lines()).containsExactly(PVE.resolve("701-iothread.conf") + ":11:9: warning: iothread=1 on"
                + " scsi0, scsi1, scsi2 are ignored: scsihw is virtio-scsi-pci, and Proxmox VE gives SCSI disks an I/O"
                + " thread only with virtio-scsi-single (it just logs 'iothread is only valid with virtio disk or"
                + " virtio-scsi-single controller, ignoring'); their I/O runs in QEMU's main loop: set"
                + " 'scsihw: virtio-scsi-single' [pve-iothread-ignored]");
        assertThat(CliRunner.run("lint", "--fail-on=warning", PVE.resolve("701-iothread.conf").toString()).status())
                .isEqualTo(1);
    }

    @Test
    void fixSetsVirtioScsiSingleAndThenThreeControllersGetIothreads(@TempDir Path dir) throws Exception {
        Path file = Files.copy(PVE.resolve("701-iothread.conf"), dir.resolve("701.conf"));
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));
        List<String> before = Files.readAllLines(file);

        CliRunner fix = CliRunner.run("fix", "--in-place", file.toString());

        assertThat(fix.status()).as(fix.err()).isZero();
        List<String> after = Files.readAllLines(file);
        assertThat(after).hasSameSizeAs(before);
        for (int i = 0; i < before.size(); i++) {
            assertThat(after.get(i)).isEqualTo(before.get(i).startsWith("scsihw:") ? "scsihw: virtio-scsi-single"
                    : before.get(i));
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-r-----");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).containsExactly(file);
        }

        CliRunner lint = CliRunner.run("lint", "--fail-on=warning", file.toString());
        assertThat(lint.status()).as(lint.out()).isZero();
        assertThat(lint.out()).doesNotContain("warning").doesNotContain("pve-iothread-ignored");

        CliRunner args = CliRunner.run("to-args", "--style=legacy", "--format=lines", "--storage-cfg", STORAGE_CFG,
                file.toString());
        assertThat(args.status()).as(args.err()).isZero();
        List<String> lines = args.out().lines().map(String::strip).toList();
        for (int n = 0; n < 3; n++) {
            assertThat(lines).contains("-object iothread,id=iothread-virtioscsi" + n + " \\");
            assertThat(lines).contains("-device virtio-scsi-pci,id=virtioscsi" + n + ",bus=pci.3,addr=0x" + (n + 1)
                    + ",iothread=iothread-virtioscsi" + n + " \\");
        }
        assertThat(lines.stream().filter(l -> l.startsWith("-device virtio-scsi-pci"))).hasSize(3);
        assertThat(CliRunner.run("fix", "--check", file.toString()).status()).isZero();
    }

    @Test
    void fixKeepsEveryOtherByteAndAddsScsihwInProxmoxKeyOrderWhenItIsUnset(@TempDir Path dir) throws Exception {
        String text = "# lsi by default\r\n#  second line\r\nboot: order=scsi0\r\ncores: 4\r\nname: crlf\r\n"
                + "scsi0: local-lvm:vm-9-disk-0,iothread=1,size=4G\r\nsockets: 1\r\n\r\n[snap1]\r\nscsihw: lsi\r\n";
        Path file = dir.resolve("9.conf");
        Files.writeString(file, text);

        CliRunner check = CliRunner.run("fix", "--check", file.toString());
        assertThat(check.status()).isEqualTo(1);
        assertThat(check.err()).contains("scsihw: lsi -> virtio-scsi-single");
        CliRunner fix = CliRunner.run("fix", "--in-place", file.toString());

        assertThat(fix.status()).as(fix.err()).isZero();
        assertThat(Files.readString(file)).isEqualTo(text.replace("sockets: 1\r\n",
                "scsihw: virtio-scsi-single\r\nsockets: 1\r\n"));
        assertThat(CliRunner.run("fix", "--diff", file.toString()).out()).isEmpty();
    }

    @Test
    void aConfigNeedingNoFixIsPrintedUnchanged() throws Exception {
        CliRunner run = CliRunner.run("fix", PVE.resolve("601.conf").toString());

        assertThat(run.status()).isZero();
        assertThat(run.out()).isEqualTo(Files.readString(PVE.resolve("601.conf")));
    }

    @Test
    void brokenConfigLinesAreOneLineErrorsAtTheirColumn(@TempDir Path dir) throws Exception {
        Path noColon = dir.resolve("1.conf");
        Files.writeString(noColon, "name: x\nscsi0 local-lvm:vm-1-disk-0\n");
        Path badCache = dir.resolve("2.conf");
        Files.writeString(badCache, "name: x\nscsi0: local-lvm:vm-1-disk-0,cache=fast\n");
        Path badIndex = dir.resolve("3.conf");
        Files.writeString(badIndex, "ide4: local-lvm:vm-1-disk-0\n");

        for (String command : List.of("lint", "to-args", "fix", "from-pve")) {
            CliRunner run = CliRunner.run(command, noColon.toString());
            assertThat(run.status()).as(command).isEqualTo(2);
            assertThat((run.out() + run.err()).strip()).as(command).isEqualTo(noColon + ":2:1: error: not a Proxmox VE"
                    + " config line (expected 'key: value'): scsi0 local-lvm:vm-1-disk-0"
                    + (command.equals("lint") ? " [parse]" : ""));
        }
        CliRunner cache = CliRunner.run("to-args", "--style=legacy", badCache.toString());
        assertThat(cache.status()).isEqualTo(2);
        assertThat(cache.err().strip()).isEqualTo(badCache + ":2:30: error: scsi0: cache=fast is not a value Proxmox VE"
                + " accepts for cache");
        CliRunner index = CliRunner.run("from-pve", badIndex.toString());
        assertThat(index.err().strip()).isEqualTo(badIndex + ":1:1: error: ide4: Proxmox VE has ide0 to ide3 only");
        assertThat(index.status()).isEqualTo(2);
    }

    @Test
    void whatHasNoDomainXmlIsAnErrorAtItsLineAndLintStillChecksTheConfig(@TempDir Path dir) throws Exception {
        Path q35 = dir.resolve("q35.conf");
        Files.writeString(q35, "machine: q35\nscsi0: /dev/sdb,iothread=1\n");
        Path lsi810 = dir.resolve("810.conf");
        Files.writeString(lsi810, "scsihw: lsi53c810\nscsi0: /dev/sdb\n");
        Path binary = dir.resolve("bin.conf");
        Files.write(binary, new byte[] {0, 1, 'x', ':', '\n'});

        CliRunner toArgs = CliRunner.run("to-args", q35.toString());
        assertThat(toArgs.status()).isEqualTo(2);
        assertThat(toArgs.err().strip()).isEqualTo(q35 + ":1:10: error: machine 'q35': domxml writes Proxmox VE command"
                + " lines for i440fx machines (pc, pc-i440fx-X.Y) only; q35 is not supported yet");
        CliRunner lint = CliRunner.run("lint", q35.toString());
        assertThat(lint.status()).isZero();
        assertThat(lint.out()).contains(q35 + ":2:17: warning: iothread=1 on scsi0 is ignored: scsihw is unset (lsi)");
        CliRunner fromPve = CliRunner.run("from-pve", lsi810.toString());
        assertThat(fromPve.status()).isEqualTo(2);
        assertThat(fromPve.err()).startsWith(lsi810 + ":1:9: error: scsihw lsi53c810 has no libvirt controller model");
        assertThat(CliRunner.run("to-args", "--style=legacy", lsi810.toString()).out())
                .contains("-device lsi53c810,id=scsihw0,bus=pci.0,addr=0x5");
        CliRunner garbage = CliRunner.run("lint", binary.toString());
        assertThat(garbage.status()).isEqualTo(2);
        assertThat(garbage.out().strip()).isEqualTo(binary + ":1:1: error: not a Proxmox VE config line (expected"
                + " 'key: value'): ??x: [parse]");
    }

    @Test
    void unmappedStorageKeepsTheVolumeIdAndSaysSoWhileStorageOptionsMapIt() {
        String config = PVE.resolve("701.conf").toString();
        CliRunner unmapped = CliRunner.run("to-args", "--style=legacy", config);
        assertThat(unmapped.status()).isZero();
        assertThat(unmapped.out()).contains("file=nvmpool:vm-701-disk-1,if=none,id=drive-scsi0");
        assertThat(unmapped.err()).contains(config + ":8:1: warning: scsi0: storage 'nvmpool' is not mapped (give"
                + " --storage ID=PATH-PREFIX or --storage-cfg FILE): the volume id 'nvmpool:vm-701-disk-1' is used as its"
                + " path [pve-input]");

        CliRunner mapped = CliRunner.run("to-args", "--style=legacy", "--storage", "nvmpool=/dev/zvol/nvm/",
                "--storage", "hddpool=/dev/zvol/hdd", config);
        assertThat(mapped.err()).isEmpty();
        assertThat(mapped.out()).contains("file=/dev/zvol/nvm/vm-701-disk-1,if=none").contains(
                "file=/dev/zvol/hdd/vm-701-disk-1,if=none");
        assertThat(CliRunner.run("to-args", "--storage", "nonsense", config).status()).isEqualTo(2);
    }

    @Test
    void libvirtStyleIsWhatLibvirtBuildsFromTheConfigsDomainXml() {
        CliRunner run = CliRunner.run("to-args", "--format=lines", "--storage-cfg", STORAGE_CFG,
                PVE.resolve("601.conf").toString());

        assertThat(run.status()).as(run.err()).isZero();
        assertThat(run.out()).contains("-object '{\"qom-type\":\"iothread\",\"id\":\"iothread1\"}'")
                .contains("\"driver\":\"virtio-scsi-pci\",\"iothread\":\"iothread1\",\"id\":\"scsi2\",\"bus\":\"pci.3\","
                        + "\"addr\":\"0x3\"")
                .contains("\"filename\":\"/dev/zvol/nvmpool/data/vm-601-disk-0\"")
                .doesNotContain("-drive");
    }

    @Test
    void fromPveWritesDomainXmlWithTheConfigsStorage() {
        CliRunner run = CliRunner.run("from-pve", "--storage-cfg", STORAGE_CFG, PVE.resolve("300.conf").toString());

        assertThat(run.status()).as(run.err()).isZero();
        assertThat(run.out()).startsWith("<domain type=\"qemu\">").contains("<name>mixed-300</name>")
                .contains("<source dev=\"/dev/pve/vm-300-disk-0\"/>").contains("detect_zeroes=\"unmap\" iothread=\"1\"/>")
                .contains("<source file=\"/var/lib/vz/template/iso/debian-12.5.0-amd64-netinst.iso\"/>");
        assertThat(CliRunner.run("to-xml", "--storage-cfg", STORAGE_CFG, PVE.resolve("300.conf").toString()).out())
                .isEqualTo(run.out());
    }

    @Test
    void rulesAndExplainListTheProxmoxRules() {
        String rules = CliRunner.run("rules").out();
        for (String id : List.of("pve-iothread-ignored", "pve-queues-dropped", "pve-option-not-for-bus",
                "pve-ssd-ignored", "pve-aio-native-cache", "pve-aio-io-uring-storage")) {
            assertThat(rules).contains(id);
        }
        CliRunner explain = CliRunner.run("lint", "--explain", "pve-iothread-ignored");
        assertThat(explain.status()).isZero();
        assertThat(explain.out()).startsWith("pve-iothread-ignored (warning, fixable by domxml fix)")
                .contains("scsihw: virtio-scsi-single");
    }

    @Test
    void inputKindIsToldApartByContent(@TempDir Path dir) throws Exception {
        Path config = dir.resolve("vm.txt");
        Files.copy(PVE.resolve("701-iothread.conf"), config);
        assertThat(CliRunner.run("lint", config.toString()).out()).contains("[pve-iothread-ignored]");
        assertThat(CliRunner.run("lint", SEEDS.resolve("proxmox-vm701-virtio-scsi-pci.txt").toString()).out())
                .contains("[scsi-shared-controller-iothread]").doesNotContain("pve-");
    }

    /** A line that does not start an option continues the one before it (the seeds are pasted with wraps). */
    private static String joinPastedWraps(String text) {
        StringBuilder out = new StringBuilder();
        for (String line : text.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            out.append(line.startsWith("-") ? " " : "").append(line.strip());
        }
        return out.toString();
    }

    /** Storage options as maps: -object iothread, -drive, and the -device of controllers and disks. */
    private static List<Map<String, String>> storageOptions(String line) {
        List<String> words = ArgvComparison.shellWords(line);
        List<Map<String, String>> kept = new ArrayList<>();
        for (int i = 0; i + 1 < words.size(); i++) {
            String option = words.get(i);
            if (!option.equals("-object") && !option.equals("-drive") && !option.equals("-device")) {
                continue;
            }
            Map<String, String> map = keyValues(option, words.get(++i));
            String driver = map.getOrDefault("driver", "");
            boolean storage = option.equals("-drive") || map.getOrDefault("qom-type", "").equals("iothread")
                    || driver.startsWith("virtio-scsi") || driver.startsWith("scsi-") || driver.startsWith("ide-")
                    || driver.startsWith("virtio-blk") || driver.equals("ahci") || driver.equals("lsi");
            if (storage) {
                kept.add(map);
            }
        }
        return kept;
    }

    private static Map<String, String> keyValues(String option, String value) {
        Map<String, String> map = new TreeMap<>();
        map.put("option", option);
        boolean first = true;
        for (String part : value.split(",(?!,)")) {
            int eq = part.indexOf('=');
            if (eq > 0) {
                map.put(part.substring(0, eq), part.substring(eq + 1));
            } else if (first) {
                map.put(option.equals("-object") ? "qom-type" : "driver", part);
            }
            first = false;
        }
        return map;
    }

}
