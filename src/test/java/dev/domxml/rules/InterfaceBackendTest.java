package dev.domxml.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.domxml.args.ArgsOptions;
import dev.domxml.args.ArgsStyle;
import dev.domxml.args.ArgsWriter;
import dev.domxml.args.CommandLine;
import dev.domxml.xml.DomainReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** What backs an {@code <interface>} on a command line of one's own, where libvirt would pass a tap it opened. */
class InterfaceBackendTest {

    @ParameterizedTest
    @ValueSource(strings = {"network'><source network='default'/", "bridge'><source bridge='br0'/",
        "direct'><source dev='eth0' mode='bridge'/", "ethernet'", "user'"})
    void everyInterfaceTypeGetsUserNetworking(String typeAndSource) throws Exception {
        String nic = "<interface type='" + typeAndSource + "><mac address='52:54:00:00:00:01'/><model type='virtio'/></interface>";

        assertThat(netdevs(nic, ArgsStyle.LIBVIRT)).containsExactly("{\"type\":\"user\",\"id\":\"hostnet0\"}");
    }

    @ParameterizedTest
    @EnumSource(ArgsStyle.class)
    void bothStylesNameABackendQemuHas(ArgsStyle style) throws Exception {
        String nic = "<interface type='network'><source network='default'/><model type='e1000'/></interface>";

        assertThat(netdevs(nic, style)).singleElement().asString().contains("user").doesNotContain("network");
    }

    @Test
    void aHostDeviceInterfaceBootsFromItsDeviceNotFromTheNicPutInItsPlace() throws Exception {
        String nic = "<interface type='hostdev' managed='yes'><mac address='52:54:00:00:00:01'/><driver name='vfio'/>"
                + "<source><address type='pci' domain='0x0000' bus='0x06' slot='0x12' function='0x1'/></source>"
                + "<model type='virtio'/><boot order='1'/></interface>";

        List<String> devices = options(nic, ArgsStyle.LIBVIRT, "-device");

        assertThat(devices).filteredOn(d -> d.contains("vfio-pci")).singleElement().asString()
                .contains("\"host\":\"0000:06:12.1\"", "\"id\":\"hostdev0\"", "\"bootindex\":1");
        assertThat(devices).filteredOn(d -> d.contains("virtio-net-pci")).singleElement().asString()
                .doesNotContain("bootindex");
    }

    private static List<String> netdevs(String devices, ArgsStyle style) throws Exception {
        return options(devices, style, "-netdev");
    }

    private static List<String> options(String devices, ArgsStyle style, String option) throws Exception {
        String xml = "<domain type='qemu'>\n<name>d</name><memory>524288</memory>\n"
                + "<os><type arch='x86_64' machine='pc'>hvm</type></os>\n<devices>\n" + devices + "\n</devices>\n</domain>\n";
        DomainMapper.Result result = DomainMapper.map(DomainReader.read(xml.getBytes(StandardCharsets.UTF_8), "d.xml"));
        assertThat(result.errors()).isEmpty();
        CommandLine line = ArgsWriter.forStyle(style).write(result.model().orElseThrow(), ArgsOptions.defaults());
        return line.options().stream().filter(o -> o.name().equals(option)).map(CommandLine.Option::value).toList();
    }
}
