package dev.domxml.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.domxml.args.ArgvComparison;
import dev.domxml.rules.HostCapabilities;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What depends on the machine the tests run on, against the live libvirt there: a type='kvm' domain is
 * accepted where /dev/kvm can be opened and refused elsewhere, memory bound to host NUMA node 1 only
 * where the host has that node, an interface's script only where it is a program the host can run. domxml must give libvirt's verdict on either kind of machine; told that
 * a domain is meant for another host (--any-host), it converts it wherever it runs.
 */
class HostChecksIT {
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

    private static final String NODE_ONE = """
            <domain type='qemu'>
              <name>numa-node-one</name>
              <uuid>6f9f3a43-95e4-4cf5-9a46-2d1d7f0a0c12</uuid>
              <memory unit='MiB'>256</memory>
              <vcpu>1</vcpu>
              <numatune><memory mode='strict' nodeset='1'/></numatune>
              <os><type arch='x86_64' machine='pc'>hvm</type></os>
            </domain>
            """;

    @TempDir
    Path dir;

    /** What libvirt and domxml made of one domain file on this machine. */
    private record Verdicts(Path xml, Virsh.Outcome libvirt, Domxml domxml) {}

    private Verdicts convert(String fileName, String domain) throws Exception {
        Path xml = Files.writeString(dir.resolve(fileName), domain);
        Verdicts verdicts = new Verdicts(xml, Virsh.domxmlToNative(xml), Domxml.run("to-args", xml.toString()));
        assertThat(verdicts.domxml().status() == 0).as("libvirt: %s\ndomxml: %s", verdicts.libvirt(), verdicts.domxml())
                .isEqualTo(verdicts.libvirt().ok());
        return verdicts;
    }

    @Test
    void givesLibvirtsVerdictForThisHost() throws Exception {
        Verdicts verdicts = convert("kvm-host.xml", DOMAIN);
        Path xml = verdicts.xml();
        Virsh.Outcome libvirt = verdicts.libvirt();
        Domxml domxml = verdicts.domxml();

        assertThat(HostCapabilities.probe().kvm()).as("domxml's probe of this host").isEqualTo(libvirt.ok());
        if (!libvirt.ok()) {
            assertThat(domxml.err()).contains(xml + ":1:1: error: domain type 'kvm' needs KVM")
                    .contains("[kvm-unavailable]");
        }
    }

    @Test
    void givesLibvirtsVerdictOnHostNumaNodes() throws Exception {
        Verdicts verdicts = convert("numa-node-one.xml", NODE_ONE);
        Path xml = verdicts.xml();
        Virsh.Outcome libvirt = verdicts.libvirt();
        Domxml domxml = verdicts.domxml();

        assertThat(HostCapabilities.probe().hasNumaNode(1)).as("domxml's probe of this host").isEqualTo(libvirt.ok());
        if (libvirt.ok()) {
            assertThat(domxml.out()).contains("\"host-nodes\":[1],\"policy\":\"bind\"");
        } else {
            assertThat(domxml.err()).contains("NUMA node 1 is unavailable").contains("[host-numa-node-unavailable]");
        }
        Domxml anyHost = Domxml.run("to-args", "--any-host", xml.toString());
        assertThat(anyHost.status()).as("%s", anyHost).isZero();
    }

    /** An interface whose script is a program here, or one that no machine has. */
    private static String withScript(String name, String script) {
        return """
                <domain type='qemu'>
                  <name>%s</name>
                  <memory unit='MiB'>256</memory>
                  <os><type arch='x86_64' machine='pc'>hvm</type></os>
                  <devices>
                    <interface type='ethernet'><script path='%s'/><model type='virtio'/></interface>
                  </devices>
                </domain>
                """.formatted(name, script);
    }

    @Test
    void givesLibvirtsVerdictOnInterfaceScripts() throws Exception {
        Verdicts runs = convert("script-runs.xml", withScript("script-runs", "/bin/true"));
        Verdicts missing = convert("script-missing.xml", withScript("script-missing", "/nonexistent/domxml-ifup"));

        assertThat(runs.libvirt().ok()).as("libvirt runs /bin/true: %s", runs.libvirt()).isTrue();
        assertThat(missing.libvirt().ok()).as("libvirt cannot run a missing script").isFalse();
        assertThat(missing.domxml().err()).contains("[interface-script-unavailable]");
        Domxml anyHost = Domxml.run("to-args", "--any-host", missing.xml().toString());
        assertThat(anyHost.status()).as("%s", anyHost).isZero();
    }

    /** Settings libvirt writes for KVM alone, or differently from TCG: checked where this host has KVM. */
    private static final String KVM_SETTINGS = """
            <domain type='kvm'>
              <name>kvm-settings</name>
              <uuid>6f9f3a43-95e4-4cf5-9a46-2d1d7f0a0c13</uuid>
              <memory unit='MiB'>256</memory>
              <vcpu>1</vcpu>
              <os><type arch='x86_64' machine='q35'>hvm</type></os>
              <features>
                <acpi/>
                <ioapic driver='kvm'/>
                <kvm><dirty-ring state='on' size='4096'/></kvm>
              </features>
              <cpu mode='custom' match='exact' check='none'>
                <model fallback='forbid'>qemu64</model>
                <feature policy='require' name='x2apic'/>
                <feature policy='disable' name='svm'/>
                <cache mode='disable'/>
                <maxphysaddr mode='emulate' bits='40'/>
              </cpu>
            </domain>
            """;

    /** The host's own CPU with features switched on and off, not migratable. */
    private static final String HOST_PASSTHROUGH = """
            <domain type='kvm'>
              <name>kvm-host-passthrough</name>
              <uuid>6f9f3a43-95e4-4cf5-9a46-2d1d7f0a0c16</uuid>
              <memory unit='MiB'>256</memory>
              <vcpu>1</vcpu>
              <os><type arch='x86_64' machine='pc'>hvm</type></os>
              <cpu mode='host-passthrough' migratable='off'>
                <feature policy='require' name='abm'/>
                <feature policy='disable' name='invtsc'/>
              </cpu>
            </domain>
            """;

    @Test
    void writesHostPassthroughAsLibvirtDoes() throws Exception {
        Verdicts verdicts = convert("kvm-host-passthrough.xml", HOST_PASSTHROUGH);

        assertSameLineWhereLibvirtAccepts(verdicts);
        assertThat(Domxml.run("to-args", "--any-host", verdicts.xml().toString()).out())
                .contains("-cpu host,migratable=off,abm=on,invtsc=off");
    }

    @Test
    void writesKvmSettingsAsLibvirtDoes() throws Exception {
        Verdicts verdicts = convert("kvm-settings.xml", KVM_SETTINGS);

        assertSameLineWhereLibvirtAccepts(verdicts);
        Domxml anyHost = Domxml.run("to-args", "--any-host", verdicts.xml().toString());
        assertThat(anyHost.out()).contains("-machine pc-q35-7.2,usb=off,kernel_irqchip=on,")
                .contains("-accel kvm,dirty-ring-size=4096")
                .contains("-cpu qemu64,x2apic=on,svm=off,l3-cache=off,phys-bits=40");
    }

    /** A custom CPU model that many hosts lack some feature of (AMD ones the TSX-free Haswell's pcid, erms, invpcid). */
    private static final String HASWELL = """
            <domain type='kvm'>
              <name>kvm-haswell</name>
              <uuid>6f9f3a43-95e4-4cf5-9a46-2d1d7f0a0c14</uuid>
              <memory unit='MiB'>256</memory>
              <vcpu>1</vcpu>
              <os><type arch='x86_64' machine='pc'>hvm</type></os>
              <cpu mode='custom' match='exact'><model fallback='forbid'>Haswell-noTSX</model></cpu>
            </domain>
            """;

    @Test
    void givesLibvirtsVerdictOnTheHostCpu() throws Exception {
        Verdicts verdicts = convert("kvm-haswell.xml", HASWELL);

        if (!verdicts.libvirt().ok() && HostCapabilities.probe().kvm()) {
            String missing = verdicts.libvirt().err().replaceFirst("(?s).*(Host CPU [^\\n]*).*", "$1").strip();
            assertThat(verdicts.domxml().err()).contains("[host-cpu-incompatible]").contains(missing);
        }
        Domxml anyHost = Domxml.run("to-args", "--any-host", verdicts.xml().toString());
        assertThat(anyHost.status()).as("%s", anyHost).isZero();
    }

    /** 3 GHz: a TSC most hosts can match only by scaling it. */
    private static final String TSC = """
            <domain type='qemu'>
              <name>tsc-frequency</name>
              <uuid>6f9f3a43-95e4-4cf5-9a46-2d1d7f0a0c15</uuid>
              <memory unit='MiB'>256</memory>
              <vcpu>1</vcpu>
              <os><type arch='x86_64' machine='pc'>hvm</type></os>
              <clock offset='utc'><timer name='tsc' frequency='3000000000'/></clock>
            </domain>
            """;

    @Test
    void givesLibvirtsVerdictOnTheTscFrequency() throws Exception {
        Verdicts verdicts = convert("tsc-frequency.xml", TSC);

        if (!verdicts.libvirt().ok()) {
            String range = verdicts.libvirt().err().replaceFirst("(?s).*(Requested TSC frequency [^\\n]*).*", "$1").strip();
            assertThat(verdicts.domxml().err()).contains("[tsc-frequency-unsupported]").contains(range);
        }
        Domxml anyHost = Domxml.run("to-args", "--any-host", verdicts.xml().toString());
        assertThat(anyHost.status()).as("%s", anyHost).isZero();
    }

    /** Where this host lets libvirt convert the domain, domxml's line is libvirt's, option by option. */
    private static void assertSameLineWhereLibvirtAccepts(Verdicts verdicts) {
        if (verdicts.libvirt().ok()) {
            ArgvComparison comparison = ArgvComparison.compare(verdicts.libvirt().out(),
                    ArgvComparison.shellWords(verdicts.domxml().out().trim()));
            assertThat(comparison.same()).as(comparison.unifiedDiff("libvirt", "domxml")).isTrue();
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
