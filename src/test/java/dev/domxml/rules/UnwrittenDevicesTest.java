package dev.domxml.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.domxml.xml.DomainReader;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A device libvirt would put on the command line and domxml cannot is refused where it is written, never dropped. */
class UnwrittenDevicesTest {

    @ParameterizedTest
    @ValueSource(strings = {"<lease><lockspace>s</lockspace><key>k</key><target path='/var/lib/l'/></lease>", "<crypto model='virtio' type='qemu'><backend model='builtin'/></crypto>",
            "<tpm model='tpm-crb'><backend type='emulator'/></tpm>",
            "<hostdev mode='subsystem' type='scsi'><source><adapter name='scsi_host0'/><address bus='0' target='0' unit='0'/></source></hostdev>"})
    void isRefusedAtItsElement(String device) throws Exception {
        String xml = "<domain type='qemu'>\n<name>d</name><memory>524288</memory>\n"
                + "<os><type arch='x86_64' machine='pc'>hvm</type></os>\n<devices>\n" + device + "\n</devices>\n</domain>\n";

        DomainMapper.Result result = DomainMapper.map(DomainReader.read(xml.getBytes(StandardCharsets.UTF_8), "d.xml"));

        String element = device.substring(1).split("[ >/]", 2)[0];
        assertThat(result.model()).isEmpty();
        assertThat(result.errors()).singleElement().satisfies(error -> {
            assertThat(error.message()).startsWith("<" + element + "> devices are not supported by domxml yet");
            assertThat(error.position()).hasValueSatisfying(p -> assertThat(p.line()).isEqualTo(5));
        });
    }

    @Test
    void aBackingChainIsRefusedAtItsFirstImageButAnEmptyOneIsWritten() throws Exception {
        String chain = "<backingStore type='file'><format type='qcow2'/><source file='/b.qcow2'/></backingStore>";
        String disk = "<disk type='file' device='disk'><driver name='qemu' type='qcow2'/><source file='/a.qcow2'/>\n%s\n"
                + "<target dev='vda' bus='virtio'/></disk>";
        String xml = "<domain type='qemu'>\n<name>d</name><memory>524288</memory>\n"
                + "<os><type arch='x86_64' machine='pc'>hvm</type></os>\n<devices>\n%s\n</devices>\n</domain>\n";

        DomainMapper.Result withChain = DomainMapper.map(DomainReader.read(
                String.format(xml, String.format(disk, chain)).getBytes(StandardCharsets.UTF_8), "d.xml"));
        DomainMapper.Result empty = DomainMapper.map(DomainReader.read(
                String.format(xml, String.format(disk, "<backingStore/>")).getBytes(StandardCharsets.UTF_8), "d.xml"));

        assertThat(withChain.model()).isEmpty();
        assertThat(withChain.errors()).singleElement().satisfies(error -> {
            assertThat(error.message()).startsWith("backing chains are not supported by domxml yet");
            assertThat(error.position()).hasValueSatisfying(p -> assertThat(p.line()).isEqualTo(6));
        });
        assertThat(empty.model()).hasValueSatisfying(vm -> assertThat(vm.devicesOf(dev.domxml.model.DiskDevice.class))
                .singleElement().satisfies(d -> assertThat(d.formatNode()).hasValueSatisfying(f ->
                        assertThat(f.noBacking()).isTrue())));
    }
}
