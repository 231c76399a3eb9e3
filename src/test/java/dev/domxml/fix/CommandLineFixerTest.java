package dev.domxml.fix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.domxml.model.DiskDevice;
import dev.domxml.model.IoThread;
import dev.domxml.model.ScsiAddress;
import dev.domxml.model.StorageController;
import dev.domxml.model.StorageControllerKind;
import dev.domxml.model.VirtualMachine;
import dev.domxml.qemu.CommandLineReader;
import dev.domxml.qemu.QemuOption;
import dev.domxml.xml.InputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

class CommandLineFixerTest {
    private static final Path VM701 = Path.of("src/test/resources/kvm-args/proxmox-vm701-virtio-scsi-pci.txt");
    private static final Path LIBVIRT_VM701 = Path.of("src/test/resources/corpus/libvirt-9.0/seed-vm701-no-iothread.args");
    private static final Path LSI = Path.of("src/test/resources/corpus/libvirt-9.0/lsi-controller.args");

    @Test
    void proxmoxVm701LineGetsOneVirtioScsiPciWithItsOwnIothreadPerDisk() throws Exception {
        FixResult result = CommandLineFixer.fix(Files.readString(VM701), "vm701.txt", FixOptions.perDisk());

        VirtualMachine fixed = read(result.fixed());
        assertEveryDiskRunsInAThreadOfItsOwn(fixed);
        assertThat(fixed.devicesOf(StorageController.class)).hasSize(3)
                .allSatisfy(c -> assertThat(c.kind()).isEqualTo(StorageControllerKind.VIRTIO_SCSI));
        assertThat(fixed.iothreads()).hasSize(3);
        assertThat(result.fixed()).as("Proxmox's -drive/-device style is kept").doesNotContain("{");
        assertThat(result.changes()).filteredOn(c -> c.contains("guest-visible")).hasSize(2);
    }

    @Test
    void libvirtsJsonLineComesOutInJson() throws Exception {
        FixResult result = CommandLineFixer.fix(Files.readString(LIBVIRT_VM701), "vm701.args", FixOptions.perDisk());

        assertEveryDiskRunsInAThreadOfItsOwn(read(result.fixed()));
        List<QemuOption> added = new ArrayList<>(optionsOf(result.fixed()));
        added.removeIf(o -> optionsOf(result.original()).stream().anyMatch(
                p -> p.name().equals(o.name()) && p.valueText().equals(o.valueText())));
        assertThat(added).isNotEmpty().allSatisfy(o -> assertThat(o.valueText()).startsWith("{"));
    }

    @Test
    void optionsTheFixDoesNotTouchKeepTheirText() throws Exception {
        FixResult result = CommandLineFixer.fix(Files.readString(LIBVIRT_VM701), "vm701.args", FixOptions.perDisk());

        List<String> after = optionsOf(result.fixed()).stream().map(o -> o.name() + " " + o.valueText()).toList();
        for (QemuOption option : optionsOf(result.original())) {
            String text = option.valueText();
            boolean touched = text.contains("\"virtio-scsi-pci\"") || text.contains("\"scsi-hd\"");
            if (!touched) {
                assertThat(after).contains(option.name() + " " + text);
            }
        }
    }

    @TestFactory
    Stream<DynamicTest> everyCorpusLineIsFixedAndASecondFixChangesNothing() throws IOException {
        try (Stream<Path> files = Files.walk(Path.of("src/test/resources/corpus"))) {
            List<Path> lines = files.filter(p -> p.toString().endsWith(".args")).sorted().toList();
            assertThat(lines).hasSizeGreaterThan(50);
            return lines.stream().map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> {
                String line = Files.readString(file);
                Optional<InputException> refused = refusal(line);
                if (refused.isPresent()) {
                    // libvirt wrote lines that QEMU itself refuses (an IDE bus pc lacks, a LUN pvscsi has not)
                    assertThatThrownBy(() -> CommandLineFixer.fix(line, file.toString(), FixOptions.perDisk()))
                            .isInstanceOf(InputException.class).hasMessage(refused.get().getMessage());
                    return;
                }
                FixResult first = CommandLineFixer.fix(line, file.toString(), FixOptions.perDisk());
                FixResult second = CommandLineFixer.fix(first.fixed(), file.toString(), FixOptions.perDisk());

                assertEveryDiskOnVirtioRunsInAThreadOfItsOwn(read(first.fixed()));
                assertThat(second.changed()).as("second fix of %s: %s", file, second.changes()).isFalse();
            }));
        }
    }

    @Test
    void aPoolOfTwoServesThreeDisksRoundRobin() throws Exception {
        FixResult result = CommandLineFixer.fix(Files.readString(VM701), "vm701.txt",
                new FixOptions(OptionalInt.of(2), false));

        VirtualMachine fixed = read(result.fixed());
        assertThat(fixed.iothreads()).hasSize(2);
        Map<String, Integer> controllersPerThread = new HashMap<>();
        fixed.devicesOf(StorageController.class).forEach(c -> controllersPerThread.merge(c.iothread().orElseThrow(), 1, Integer::sum));
        assertThat(controllersPerThread.values()).containsExactlyInAnyOrder(2, 1);
    }

    @Test
    void emulatedControllersBecomeVirtioScsiOnlyWhenAskedTo() throws Exception {
        String line = Files.readString(LSI);

        FixResult alone = CommandLineFixer.fix(line, "lsi.args", FixOptions.perDisk());
        FixResult converted = CommandLineFixer.fix(line, "lsi.args", new FixOptions(OptionalInt.empty(), true));

        assertThat(alone.changed()).isFalse();
        assertThat(alone.changes()).anyMatch(c -> c.contains("--convert-emulated"));
        assertThat(read(converted.fixed()).devicesOf(StorageController.class))
                .allSatisfy(c -> assertThat(c.kind()).isEqualTo(StorageControllerKind.VIRTIO_SCSI));
        assertEveryDiskRunsInAThreadOfItsOwn(read(converted.fixed()));
    }

    @Test
    void theLayoutOfTheLineIsKept() throws Exception {
        String oneLine = Files.readString(VM701).replaceAll("-\n", "-").replace('\n', ' ').strip();
        String continued = "qemu-system-x86_64 \\\n  " + oneLine.replace(" -", " \\\n  -");

        assertThat(CommandLineFixer.fix(oneLine, "a", FixOptions.perDisk()).fixed().strip()).doesNotContain("\n");
        assertThat(CommandLineFixer.fix(continued, "b", FixOptions.perDisk()).fixed().lines())
                .allSatisfy(l -> assertThat(l).matches("(qemu-system-x86_64|  -\\S+ \\S+) \\\\|  -\\S+ \\S+"));
        assertThat(CommandLineFixer.fix(Files.readString(VM701), "c", FixOptions.perDisk()).fixed().lines())
                .allSatisfy(l -> assertThat(l).matches("-\\S+ \\S+"));
    }

    /** Each SCSI disk alone on a virtio-scsi controller with an iothread, each virtio-blk disk with one, none shared. */
    private static void assertEveryDiskRunsInAThreadOfItsOwn(VirtualMachine vm) {
        assertThat(vm.devicesOf(StorageController.class)).allSatisfy(c ->
                assertThat(c.kind()).isEqualTo(StorageControllerKind.VIRTIO_SCSI));
        assertEveryDiskOnVirtioRunsInAThreadOfItsOwn(vm);
    }

    private static void assertEveryDiskOnVirtioRunsInAThreadOfItsOwn(VirtualMachine vm) {
        Set<String> defined = new HashSet<>(vm.iothreads().stream().map(IoThread::id).toList());
        Map<String, StorageController> controllers = new HashMap<>();
        vm.devicesOf(StorageController.class).forEach(c -> controllers.put(c.id(), c));
        Map<String, Integer> disksPerController = new HashMap<>();
        List<String> threads = new ArrayList<>();
        for (DiskDevice disk : vm.devicesOf(DiskDevice.class)) {
            if (disk.frontend().address() instanceof ScsiAddress scsi) {
                StorageController controller = controllers.get(scsi.bus().replaceFirst("\\.\\d+$", ""));
                if (controller == null || controller.kind() != StorageControllerKind.VIRTIO_SCSI) {
                    continue;
                }
                if (disksPerController.merge(controller.id(), 1, Integer::sum) == 1) {
                    threads.add(controller.iothread().orElse("none for " + controller.id()));
                }
            } else if (disk.frontend().driver().startsWith("virtio-blk")) {
                threads.add(disk.frontend().iothread().orElse("none for " + disk.id()));
            }
        }
        assertThat(disksPerController).allSatisfy((controller, disks) -> assertThat(disks).as(controller).isOne());
        assertThat(threads).allSatisfy(t -> assertThat(defined).contains(t)).doesNotHaveDuplicates();
    }

    private static Optional<InputException> refusal(String line) {
        try {
            CommandLineReader.read(line, "line");
            return Optional.empty();
        } catch (InputException e) {
            return Optional.of(e);
        }
    }

    private static VirtualMachine read(String line) {
        try {
            return CommandLineReader.read(line, "fixed").model();
        } catch (InputException e) {
            throw new AssertionError("the fixed line does not read: " + e.oneLine(), e);
        }
    }

    private static List<QemuOption> optionsOf(String line) {
        try {
            return CommandLineReader.read(line, "line").options();
        } catch (InputException e) {
            throw new UncheckedIOException(new IOException(e.oneLine()));
        }
    }
}
