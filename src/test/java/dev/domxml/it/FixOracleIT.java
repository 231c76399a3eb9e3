package dev.domxml.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.domxml.fix.DomainFixer;
import dev.domxml.fix.FixOptions;
import dev.domxml.fix.FixResult;
import dev.domxml.xml.DomainReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code fix} against the real libvirt, on every domain libvirt accepts in the corpus: the fixed XML
 * passes libvirt's schema, libvirt builds a command line for it, and in that line every SCSI disk on
 * virtio-scsi sits alone on a controller with an iothread, every virtio-blk disk has one, and no two
 * disks share a thread. A second fix changes nothing.
 */
class FixOracleIT {
    @TempDir
    static Path work;

    static List<Path> acceptedDomains() throws IOException {
        try (Stream<Path> files = Files.walk(Paths.get("src/test/resources/corpus"))) {
            return files.filter(p -> p.toString().endsWith(".xml"))
                    .filter(p -> Files.exists(Paths.get(p.toString().replaceFirst("\\.xml$", ".args"))))
                    .filter(p -> !crashesLibvirtd(p))
                    .sorted().toList();
        }
    }

    /**
     * libvirtd 9.0 frees an {@code <interface type='hostdev'>} while its host device stays listed and reads
     * that memory when it builds the line: it sometimes crashes, and every test after it would fail for
     * want of a daemon. Those domains' lines are compared with the stored NAME.args (LibvirtAgreementTest).
     */
    private static boolean crashesLibvirtd(Path xml) {
        try {
            return Files.readString(xml).contains("<interface type='hostdev'");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @TestFactory
    Stream<DynamicTest> fixedDomainsGiveEveryDiskItsOwnIothreadInLibvirt() throws IOException {
        return acceptedDomains().stream().map(xml -> DynamicTest.dynamicTest(
                xml.getParent().getFileName() + "/" + xml.getFileName(), () -> check(xml)));
    }

    private static void check(Path xml) throws Exception {
        FixResult result = DomainFixer.fix(DomainReader.readEditable(xml), FixOptions.perDisk());
        Path fixed = work.resolve(xml.getParent().getFileName() + "-" + xml.getFileName());
        Files.writeString(fixed, result.fixed(), StandardCharsets.UTF_8);

        // fix never makes a file schema-valid that was not (an element written twice stays written twice)
        boolean validBefore = Virsh.validate(xml).ok();
        Virsh.Outcome valid = Virsh.validate(fixed);
        assertThat(valid.ok()).as("virt-xml-validate %s: %s%s", fixed, valid.out(), valid.err()).isEqualTo(validBefore);
        assertThat(validBefore || xml.toString().contains("/oracle-duplicates/")).as("%s is schema-valid", xml).isTrue();
        Virsh.Outcome args = Virsh.domxmlToNative(fixed);
        if (!args.ok()) {
            // a domain this host cannot run (a TSC frequency it cannot scale to, say) is refused as it was written:
            // fix must not change that, nor add a refusal of its own
            Virsh.Outcome original = Virsh.domxmlToNative(xml);
            assertThat(original.ok()).as("libvirt refused the fixed %s, not the original: %s", xml, args.err()).isFalse();
            assertThat(args.err()).as("libvirt's refusal of the fixed %s", xml).isEqualTo(original.err());
            return;
        }

        IothreadBindings bindings = IothreadBindings.of(args.out());
        bindings.disksOnController().forEach((controller, disks) -> {
            if (bindings.controllerThread().containsKey(controller)) {
                assertThat(disks).as("disks on %s", controller).hasSize(1);
                assertThat(bindings.controllerThread().get(controller)).as("iothread of %s", controller).isNotEmpty();
            } else {
                assertThat(bindings.emulatedControllers()).as("%s is emulated and left alone", controller)
                        .contains(controller);
            }
        });
        bindings.virtioDiskThread().forEach((disk, thread) -> assertThat(thread).as("iothread of %s", disk).isNotEmpty());
        assertThat(bindings.threadsInUse()).as("threads in use").doesNotHaveDuplicates();

        FixResult again = DomainFixer.fix(DomainReader.readEditable(fixed), FixOptions.perDisk());
        assertThat(again.changed()).as("second fix of %s changes %s", xml, again.changes()).isFalse();
    }
}
