package dev.domxml.qemu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.domxml.args.ArgsOptions;
import dev.domxml.args.ArgsStyle;
import dev.domxml.args.ArgsWriter;
import dev.domxml.args.OutputFormat;
import dev.domxml.corpus.NodeNumberGaps;
import dev.domxml.corpus.QemuRefusedLines;
import dev.domxml.model.BackingLink;
import dev.domxml.model.BlockNode;
import dev.domxml.model.Device;
import dev.domxml.model.DiskDevice;
import dev.domxml.model.FormatNode;
import dev.domxml.model.ProtocolNode;
import dev.domxml.model.VirtualMachine;
import dev.domxml.rules.DomainMapper;
import dev.domxml.xml.DomainReader;
import dev.domxml.xml.InputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * For every accepted corpus domain, domxml's own two spellings of its command line, libvirt's JSON
 * style and the legacy {@code -drive} style, read back into one and the same model: the model of the
 * domain itself. Where QEMU 7.2 refuses the line ({@link QemuRefusedLines}), both spellings are refused.
 */
class BothStylesReadAlikeTest {

    @TestFactory
    Stream<DynamicTest> libvirtAndLegacyLinesOfEveryCorpusDomainGiveTheSameModel() throws IOException {
        return corpusDomains().map(xml -> DynamicTest.dynamicTest(xml.getFileName().toString(), () -> {
            VirtualMachine domain = DomainMapper.map(DomainReader.read(xml)).model().orElseThrow();
            Optional<QemuRefusedLines.Refusal> refusal = QemuRefusedLines.of(xml);
            if (refusal.isPresent()) {
                for (ArgsStyle style : ArgsStyle.values()) {
                    assertThatThrownBy(() -> read(domain, style)).as("QEMU refuses this domain's line")
                            .isInstanceOf(InputException.class)
                            .hasMessageContaining(refusal.get().property() + " is out of range");
                }
                return;
            }

            VirtualMachine fromLibvirtStyle = read(domain, ArgsStyle.LIBVIRT);
            VirtualMachine fromLegacyStyle = read(domain, ArgsStyle.LEGACY);

            if (NodeNumberGaps.inCase(xml) || hasBackingImages(fromLibvirtStyle)) {
                // a -drive line numbers its nodes afresh: the gap a hot-plugged disk or a backing chain leaves closes
                assertThat(NodeNumberGaps.renumbered(fromLegacyStyle.toString()))
                        .isEqualTo(NodeNumberGaps.renumbered(withoutBlockDevicesOutsideDev(fromLibvirtStyle).toString()));
            } else {
                assertThat(fromLegacyStyle).isEqualTo(withoutBlockDevicesOutsideDev(fromLibvirtStyle));
            }
        }));
    }

    /**
     * {@code -drive file=PATH} does not say whether PATH is a block device (QEMU looks at the file): domxml
     * takes paths under /dev for block devices, and so does this comparison. A -drive line's backing chain
     * ({@code backing.driver=...}) is not read back: the backing images are dropped.
     */
    private static boolean hasBackingImages(VirtualMachine vm) {
        return vm.devicesOf(DiskDevice.class).stream().anyMatch(disk -> !disk.backingNodes().isEmpty());
    }

    private static VirtualMachine withoutBlockDevicesOutsideDev(VirtualMachine vm) {
        List<Device> devices = vm.devices().stream().map(d -> {
            if (d instanceof DiskDevice disk && disk.formatNode().isPresent()
                    && disk.formatNode().get().backing() != BackingLink.FROM_IMAGE) {
                FormatNode f = disk.formatNode().get();
                d = new DiskDevice(disk.targetDev(), disk.nodes().stream().map(n -> n == f ? (BlockNode) new FormatNode(
                        f.nodeName(), f.driver(), f.readOnly(), f.discard(), f.detectZeroes(), f.cache(), f.cacheSize(),
                        f.file(), BackingLink.FROM_IMAGE) : n).toList(), disk.frontend(), disk.backends());
            }
            if (d instanceof DiskDevice disk && disk.protocolNode().isPresent()
                    && disk.protocolNode().get().driver().equals("host_device")
                    && !disk.protocolNode().get().filename().startsWith("/dev/")
                    && !disk.frontend().driver().equals("scsi-block") && !disk.frontend().scsiPassthrough()) {
                ProtocolNode p = disk.protocolNode().get();
                return (Device) new DiskDevice(disk.targetDev(), List.of(new ProtocolNode(p.nodeName(), "file",
                        p.filename(), p.aio(), p.cache(), p.autoReadOnly(), p.discard()), disk.nodes().get(1)),
                        disk.frontend());
            }
            return d;
        }).toList();
        return new VirtualMachine(vm.name(), vm.uuid(), vm.generationId(), vm.systemInfo(), vm.emulator(), vm.machine(), vm.firmware(), vm.memoryBytes(), vm.memoryPolicy(), vm.memoryHotplug(), vm.smp(),
                vm.numa(), vm.iothreads(), vm.mainLoop(), vm.boot(), devices, vm.display(), vm.clock(), vm.passthrough());
    }

    private static VirtualMachine read(VirtualMachine vm, ArgsStyle style) throws Exception {
        String line = OutputFormat.LINES.render(ArgsWriter.forStyle(style).write(vm, ArgsOptions.defaults()));
        return CommandLineReader.read(line, style + ".args").model();
    }

    static Stream<Path> corpusDomains() throws IOException {
        try (Stream<Path> files = Files.walk(Path.of("src/test/resources/corpus"))) {
            return files.filter(p -> p.toString().endsWith(".args"))
                    .map(p -> p.resolveSibling(p.getFileName().toString().replace(".args", ".xml")))
                    .sorted().toList().stream();
        }
    }
}
