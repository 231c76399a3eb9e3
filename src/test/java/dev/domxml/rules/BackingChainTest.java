package dev.domxml.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.domxml.model.BackingLink;
import dev.domxml.model.BlockNode;
import dev.domxml.model.DiskDevice;
import dev.domxml.model.FormatNode;
import dev.domxml.model.VirtualMachine;
import dev.domxml.xml.DomainReader;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** A disk's {@code <backingStore>} chain in the model: the images below the disk's own, as libvirt opens them. */
class BackingChainTest {

    @Test
    void aBackingChainBecomesReadOnlyNodesBelowTheDisksOwnAndAnEmptyOneEndsIt() throws Exception {
        String chain = "<backingStore type='file'><format type='qcow2'/><source file='/b.qcow2'/></backingStore>";

        VirtualMachine withChain = map(String.format(BACKED_DISK, "qcow2", chain)).model().orElseThrow();
        VirtualMachine empty = map(String.format(BACKED_DISK, "qcow2", "<backingStore/>")).model().orElseThrow();

        assertThat(withChain.devicesOf(DiskDevice.class)).singleElement().satisfies(disk -> {
            assertThat(disk.formatNode().orElseThrow().backing()).isEqualTo(new BackingLink.Node("libvirt-2-format"));
            assertThat(disk.backingNodes()).extracting(BlockNode::nodeName)
                    .containsExactly("libvirt-2-storage", "libvirt-2-format");
            FormatNode backing = (FormatNode) disk.backingNodes().get(1);
            assertThat(backing.readOnly()).isTrue();
            // its own <backingStore> is not written: QEMU opens what the image names
            assertThat(backing.backing()).isEqualTo(BackingLink.FROM_IMAGE);
        });
        assertThat(empty.devicesOf(DiskDevice.class)).singleElement().satisfies(disk -> {
            assertThat(disk.formatNode().orElseThrow().backing()).isEqualTo(BackingLink.NONE);
            assertThat(disk.backingNodes()).isEmpty();
        });
    }

    @Test
    void aRawImageCannotHaveABackingImage() throws Exception {
        String chain = "<backingStore type='file'><format type='qcow2'/><source file='/b.qcow2'/></backingStore>";

        DomainMapper.Result result = map(String.format(BACKED_DISK, "raw", chain));

        assertThat(result.model()).isEmpty();
        assertThat(result.errors()).singleElement().satisfies(error -> {
            assertThat(error.message()).isEqualTo("storage format 'raw' does not support backing store");
            assertThat(error.position()).hasValueSatisfying(p -> assertThat(p.line()).isEqualTo(6)); // the <backingStore>
        });
    }

    private static final String BACKED_DISK = "<disk type='file' device='disk'><driver name='qemu' type='%s'/>"
            + "<source file='/a.img'/>\n%s\n<target dev='vda' bus='virtio'/></disk>";

    private static DomainMapper.Result map(String device) throws Exception {
        String xml = "<domain type='qemu'>\n<name>d</name><memory>524288</memory>\n"
                + "<os><type arch='x86_64' machine='pc'>hvm</type></os>\n<devices>\n" + device + "\n</devices>\n</domain>\n";
        return DomainMapper.map(DomainReader.read(xml.getBytes(StandardCharsets.UTF_8), "d.xml"));
    }
}
