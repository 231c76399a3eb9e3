package dev.domxml.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.domxml.model.Firmware;
import dev.domxml.report.Diagnostic;
import dev.domxml.xml.DomainReader;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Storage over the network that libvirt takes and domxml refuses rather than write only part of it, and libvirt's
 * firmware variables over NBD (its own test domain's shape), which the oracle corpus holds no twin of.
 */
class NetworkStorageRefusalsTest {
    private static final String EFI_LOADER =
            "<loader readonly='yes' type='pflash'>/usr/share/OVMF/OVMF_CODE.fd</loader>";

    @Test
    void nvramOverNbdIsTheSecondFlashImage() throws Exception {
        DomainMapper.Result result = map(EFI_LOADER + "<nvram type='network'><source protocol='nbd' name='bar'>"
                + "<host name='example.org' port='6000'/></source></nvram>", "");

        Firmware.FlashImage vars = result.model().orElseThrow().firmware().flash().get(1);
        assertThat(vars.driver()).isEqualTo("nbd");
        assertThat(vars.location()).isEqualTo(Map.of("server", Map.of("type", "inet", "host", "example.org",
                "port", "6000"), "export", "bar"));
        assertThat(vars.readOnly()).isFalse();
        assertThat(vars.file()).isEmpty();
    }

    @Test
    void nvramOverIscsiWithoutItsHostIsRefusedWithTheDisksReason() throws Exception {
        DomainMapper.Result result = map(EFI_LOADER + "<nvram type='network'><source protocol='iscsi'"
                + " name='iqn.1992-01.com.example/1'/></nvram>", "");

        assertThat(result.errors()).extracting(Diagnostic::message).containsExactly("iscsi protocol accepts only one host");
    }

    @Test
    void nvramOverTlsIsRefusedNotWrittenWithoutItsCredentials() throws Exception {
        DomainMapper.Result result = map(EFI_LOADER + "<nvram type='network'><source protocol='nbd' name='bar' tls='yes'>"
                + "<host name='example.org' port='6000'/></source></nvram>", "");

        assertThat(result.errors()).extracting(Diagnostic::message).containsExactly("nvram over the network with"
                + " tls='yes' is not supported by domxml (the firmware's TLS credentials object)");
    }

    @Test
    void reservationsOnAnIscsiLunAreRefusedNotLeftUnconnected() throws Exception {
        DomainMapper.Result result = map("", "<disk type='network' device='lun'><driver name='qemu' type='raw'/>"
                + "<source protocol='iscsi' name='iqn.1992-01.com.example/1'><host name='example.org' port='3260'/>"
                + "<reservations managed='yes'/></source><target dev='sda' bus='scsi'/></disk>");

        assertThat(result.errors()).extracting(Diagnostic::message).containsExactly("<reservations> on a network disk"
                + " are not supported by domxml: only a host block device (type='block') passes them to QEMU");
    }

    private static DomainMapper.Result map(String os, String devices) throws Exception {
        String xml = "<domain type='qemu'><name>d</name><memory>524288</memory>"
                + "<os><type arch='x86_64' machine='pc'>hvm</type>" + os + "</os><features><acpi/></features>"
                + "<devices><emulator>/usr/bin/qemu-system-x86_64</emulator>" + devices + "</devices></domain>";
        return DomainMapper.map(DomainReader.read(xml.getBytes(StandardCharsets.UTF_8), "d.xml"));
    }
}
