package dev.domxml.qemu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.domxml.corpus.QemuRefusedLines;
import dev.domxml.model.DiskDevice;
import dev.domxml.model.StorageController;
import dev.domxml.model.VirtualMachine;
import dev.domxml.rules.DomainMapper;
import dev.domxml.xml.DomainReader;
import dev.domxml.xml.InputException;
import java.nio.file.Files;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every command line libvirt 9.0 wrote for a corpus domain reads into the model domxml builds from the
 * domain itself: machine, memory, vCPUs, iothreads, storage controllers, and disks (block nodes and
 * frontends). Only target names are new: a command line does not carry them. A line that QEMU 7.2
 * itself refuses ({@link QemuRefusedLines}) is refused, at the property QEMU names.
 */
class LibvirtLinesTest {

    @TestFactory
    Stream<DynamicTest> libvirtsLinesReadIntoTheModelOfTheirDomain() throws Exception {
        return BothStylesReadAlikeTest.corpusDomains().map(xml -> DynamicTest.dynamicTest(xml.getFileName().toString(), () -> {
            VirtualMachine domain = DomainMapper.map(DomainReader.read(xml)).model().orElseThrow();
            String args = xml.getFileName().toString().replace(".xml", ".args");
            Optional<QemuRefusedLines.Refusal> refusal = QemuRefusedLines.of(xml);
            if (refusal.isPresent()) {
                assertThatThrownBy(() -> CommandLineReader.read(Files.readString(xml.resolveSibling(args)), args))
                        .as("QEMU refuses this line").isInstanceOf(InputException.class)
                        .hasMessageContaining(refusal.get().property() + " is out of range");
                return;
            }

            CommandLineReader.Result read = CommandLineReader.read(Files.readString(xml.resolveSibling(args)), args);
            VirtualMachine line = read.model();

            assertThat(line.machine()).isEqualTo(domain.machine());
            assertThat(line.memoryBytes()).isEqualTo(domain.memoryBytes());
            assertThat(line.smp()).isEqualTo(domain.smp());
            assertThat(line.iothreads()).isEqualTo(domain.iothreads());
            assertThat(line.devicesOf(StorageController.class)).isEqualTo(domain.devicesOf(StorageController.class));
            assertThat(withoutNames(line.devicesOf(DiskDevice.class))).isEqualTo(withoutNames(domain.devicesOf(DiskDevice.class)));
            assertThat(read.warnings()).as("libvirt's own options are all understood")
                    .allSatisfy(w -> assertThat(w.message()).startsWith("-netdev tap: "));
        }));
    }

    private static List<DiskDevice> withoutNames(List<DiskDevice> disks) {
        return disks.stream().map(d -> new DiskDevice("", d.nodes(), d.frontend())).toList();
    }
}
