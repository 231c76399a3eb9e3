package dev.domxml.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.domxml.xml.DomainReader;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** A PCI bus number past 0xff is refused as libvirt's parser refuses it, not grown into (which exhausted memory). */
class PciAddressRangeTest {

    @Test
    void aBusPastTheLastIsRefusedAtTheAddress() throws Exception {
        String xml = "<domain type='qemu'>\n<name>d</name><memory>524288</memory>\n"
                + "<os><type arch='x86_64' machine='q35'>hvm</type></os>\n<devices>\n"
                + "<disk type='file' device='disk'><source file='/d/a.raw'/><target dev='vda' bus='virtio'/>\n"
                + "<address type='pci' domain='0' bus='2147483647' slot='0' function='0'/></disk>\n</devices>\n</domain>\n";

        DomainMapper.Result result = DomainMapper.map(DomainReader.read(xml.getBytes(StandardCharsets.UTF_8), "d.xml"));

        assertThat(result.model()).isEmpty();
        assertThat(result.errors()).singleElement().satisfies(error -> {
            assertThat(error.message()).contains("bus='0x7fffffff'").contains("the bus <= 0xFF");
            assertThat(error.position()).hasValueSatisfying(p -> assertThat(p.line()).isEqualTo(6));
        });
    }
}
