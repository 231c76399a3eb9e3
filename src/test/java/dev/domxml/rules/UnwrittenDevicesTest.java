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
    @ValueSource(strings = {"<crypto model='virtio' type='qemu'><backend model='builtin'/></crypto>",
            "<tpm model='tpm-crb'><backend type='emulator'/></tpm>"})
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

    /** A <features> child libvirt does not know is its parse error, where it is written: not a feature dropped. */
    @Test
    void anUnknownFeatureIsRefusedAtItsElement() throws Exception {
        String xml = "<domain type='qemu'>\n<name>d</name><memory>524288</memory>\n"
                + "<os><type arch='x86_64' machine='pc'>hvm</type></os>\n<features>\n<acpi/>\n<ps2 state='off'/>\n</features>\n"
                + "</domain>\n";

        DomainMapper.Result result = DomainMapper.map(DomainReader.read(xml.getBytes(StandardCharsets.UTF_8), "d.xml"));

        assertThat(result.model()).isEmpty();
        assertThat(result.errors()).singleElement().satisfies(error -> {
            assertThat(error.message()).isEqualTo("unexpected feature 'ps2'");
            assertThat(error.position()).hasValueSatisfying(p -> assertThat(p.line()).isEqualTo(6));
        });
    }

    /** A storage slice domxml cannot write is refused: the guest must never get the whole image instead. */
    @Test
    void aDiskSliceIsRefusedRatherThanWideningTheDisk() throws Exception {
        DomainMapper.Result result = map("<disk type='file' device='disk'><driver name='qemu' type='raw'/>"
                + "<source file='/var/tmp/a.img'><slices><slice type='storage' offset='512' size='1048576'/></slices>"
                + "</source><target dev='vda' bus='virtio'/></disk>");

        assertThat(result.model()).isEmpty();
        assertThat(result.errors()).singleElement().satisfies(error -> assertThat(error.message())
                .startsWith("<slices> of a disk's <source> are not supported by domxml"));
    }

    @Test
    void aLeaseIsTheLockManagersAndLeavesTheCommandLineAlone() throws Exception {
        DomainMapper.Result result = map("<lease><lockspace>s</lockspace><key>k</key><target path='/var/lib/l'/></lease>");

        assertThat(result.errors()).isEmpty();
        assertThat(result.model()).isPresent();
    }

    @Test
    void aScsiHostDeviceOnAHostAdapterNeedsItsSgDeviceOnThisHost() throws Exception {
        DomainMapper.Result result = map("<hostdev mode='subsystem' type='scsi'><source><adapter name='scsi_host77'/>"
                + "<address bus='7' target='7' unit='7'/></source></hostdev>");

        assertThat(result.model()).isEmpty();
        assertThat(result.errors()).singleElement().satisfies(error -> assertThat(error.message())
                .isEqualTo("cannot open directory '/sys/bus/scsi/devices/77:7:7:7/scsi_generic': No such file or directory"));
    }

    private static DomainMapper.Result map(String device) throws Exception {
        String xml = "<domain type='qemu'>\n<name>d</name><memory>524288</memory>\n"
                + "<os><type arch='x86_64' machine='pc'>hvm</type></os>\n<devices>\n" + device + "\n</devices>\n</domain>\n";
        return DomainMapper.map(DomainReader.read(xml.getBytes(StandardCharsets.UTF_8), "d.xml"));
    }
}
