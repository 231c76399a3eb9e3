package dev.domxml.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.domxml.rules.HostCapabilities;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A type='kvm' domain on the machine the tests run on: libvirt accepts it where /dev/kvm can be opened
 * and refuses it elsewhere, and domxml must give the same verdict on either kind of machine; told that
 * the domain is meant for another host (--any-host), domxml converts it with KVM wherever it runs.
 */
class KvmHostIT {
    private static final String DOMAIN = """
            <domain type='kvm'>
              <name>kvm-host</name>
              <uuid>6f9f3a43-95e4-4cf5-9a46-2d1d7f0a0c11</uuid>
              <memory unit='MiB'>256</memory>
              <vcpu>1</vcpu>
              <os><type arch='x86_64' machine='pc'>hvm</type></os>
              <devices>
                <disk type='file' device='disk'>
                  <driver name='qemu' type='raw'/>
                  <source file='/var/tmp/domxml-disks/kvm-host.img'/>
                  <target dev='vda' bus='virtio'/>
                </disk>
              </devices>
            </domain>
            """;

    @TempDir
    Path dir;

    @Test
    void givesLibvirtsVerdictForThisHost() throws Exception {
        Path xml = Files.writeString(dir.resolve("kvm-host.xml"), DOMAIN);

        Virsh.Outcome libvirt = Virsh.domxmlToNative(xml);
        Domxml domxml = Domxml.run("to-args", xml.toString());

        assertThat(domxml.status() == 0).as("libvirt: %s\ndomxml: %s", libvirt, domxml).isEqualTo(libvirt.ok());
        assertThat(HostCapabilities.probe().kvm()).as("domxml's probe of this host").isEqualTo(libvirt.ok());
        if (!libvirt.ok()) {
            assertThat(domxml.err()).contains(xml + ":1:1: error: domain type 'kvm' needs KVM")
                    .contains("[kvm-unavailable]");
        }
    }

    @Test
    void convertsForAnotherHostWhenAsked() throws Exception {
        Path xml = Files.writeString(dir.resolve("kvm-host.xml"), DOMAIN);

        Domxml domxml = Domxml.run("to-args", "--any-host", xml.toString());

        assertThat(domxml.status()).as("%s", domxml).isZero();
        assertThat(domxml.out()).contains("-accel kvm");
    }
}
