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

/** {@code <hostdev>} as libvirt 9.0 puts it on the command line, and what it refuses. */
class HostDevicesTest {

    @Test
    void aPciDeviceIsPassedThroughWithVfioAndItsRomTuningAfterTheAddress() throws Exception {
        List<String> devices = devices(map("""
                <hostdev mode='subsystem' type='pci' managed='yes'>
                  <driver name='vfio'/>
                  <source><address domain='0x0000' bus='0x06' slot='0x12' function='0x1'/></source>
                  <rom bar='off' file='/opt/rom.bin'/>
                  <boot order='1'/>
                </hostdev>"""));

        assertThat(devices).contains("{\"driver\":\"vfio-pci\",\"host\":\"0000:06:12.1\",\"id\":\"hostdev0\",\"bootindex\":1,"
                + "\"bus\":\"pci.0\",\"addr\":\"0x2\",\"rombar\":0,\"romfile\":\"/opt/rom.bin\"}");
    }

    @Test
    void aUsbDeviceIsNamedByItsDeviceFileAndTakesAUsbPort() throws Exception {
        List<String> devices = devices(map("""
                <hostdev mode='subsystem' type='usb'>
                  <source guestReset='uninitialized'><address bus='14' device='6'/></source>
                </hostdev>"""));

        assertThat(devices).contains("{\"driver\":\"usb-host\",\"hostdevice\":\"/dev/bus/usb/014/006\",\"id\":\"hostdev0\","
                + "\"guest-reset\":true,\"guest-resets-all\":false,\"bus\":\"usb.0\",\"port\":\"1\"}");
    }

    @Test
    void aMediatedDeviceWithRamfbIsTheNonHotpluggableVariant() throws Exception {
        List<String> devices = devices(map("""
                <graphics type='vnc'/>
                <hostdev mode='subsystem' type='mdev' model='vfio-pci' display='on' ramfb='on'>
                  <source><address uuid='53764d0e-85a0-42b4-af5c-2046b460b1dc'/></source>
                </hostdev>"""));

        assertThat(devices).anySatisfy(d -> assertThat(d)
                .startsWith("{\"driver\":\"vfio-pci-nohotplug\",\"id\":\"hostdev0\","
                        + "\"sysfsdev\":\"/sys/bus/mdev/devices/53764d0e-85a0-42b4-af5c-2046b460b1dc\",\"display\":\"on\","
                        + "\"ramfb\":true"));
    }

    @Test
    void domxmlToNativeRefusesAPciDeviceWhoseBackendIsNotWritten() throws Exception {
        DomainMapper.Result result = map("""
                <hostdev mode='subsystem' type='pci'>
                  <source><address domain='0' bus='6' slot='18' function='1'/></source>
                </hostdev>""");

        assertThat(result.model()).isEmpty();
        assertThat(result.errors()).singleElement().satisfies(e -> {
            assertThat(e.message()).startsWith("invalid PCI passthrough type 'default'");
            assertThat(e.position()).hasValueSatisfying(p -> assertThat(p.line()).isEqualTo(5));
        });
    }

    @Test
    void theSameHostDeviceTwiceIsRefusedHoweverItsAddressIsSpelled() throws Exception {
        DomainMapper.Result result = map("""
                <hostdev mode='subsystem' type='pci'><driver name='vfio'/>
                  <source><address domain='0x0000' bus='0x06' slot='0x12' function='0x1'/></source></hostdev>
                <hostdev mode='subsystem' type='pci'><driver name='vfio'/>
                  <source><address domain='0' bus='6' slot='18' function='1'/></source></hostdev>""");

        assertThat(result.errors()).singleElement().satisfies(e -> {
            assertThat(e.message()).isEqualTo("Hostdev already exists in the domain configuration");
            assertThat(e.position()).hasValueSatisfying(p -> assertThat(p.line()).isEqualTo(7));
        });
    }

    private static DomainMapper.Result map(String devices) throws Exception {
        String xml = "<domain type='qemu'>\n<name>d</name><memory>524288</memory>\n"
                + "<os><type arch='x86_64' machine='pc'>hvm</type></os>\n<devices>\n" + devices + "\n</devices>\n</domain>\n";
        return DomainMapper.map(DomainReader.read(xml.getBytes(StandardCharsets.UTF_8), "d.xml"));
    }

    private static List<String> devices(DomainMapper.Result result) {
        assertThat(result.errors()).isEmpty();
        CommandLine line = ArgsWriter.forStyle(ArgsStyle.LIBVIRT).write(result.model().orElseThrow(), ArgsOptions.defaults());
        return line.options().stream().filter(o -> o.name().equals("-device")).map(CommandLine.Option::value).toList();
    }
}
