package dev.domxml.rules;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the machine a domain is meant for can run. libvirt checks a domain against the host it runs on
 * (virsh domxml-to-native and define refuse type='kvm' where there is no KVM, and host NUMA nodes the
 * host does not have); domxml does the same for this machine, or assumes a host that runs anything when
 * the domain is meant for another.
 *
 * @param kvm whether /dev/kvm can be used
 * @param numaNodes the host's NUMA nodes; empty when any node is taken to exist
 * @param programsHere whether programs the domain names (an interface's script) are looked for on this machine
 * @param cpuFlags the host CPU's features as the kernel names them (/proc/cpuinfo); empty when any CPU is assumed
 * @param tsc the host's TSC as KVM reports it, probed when a domain first asks for a TSC frequency
 */
public record HostCapabilities(boolean kvm, Optional<List<Integer>> numaNodes, boolean programsHere,
        Optional<Set<String>> cpuFlags, HostTsc tsc) {
    /** A host that runs every domain domxml models: no check depends on the machine domxml runs on. */
    public static final HostCapabilities ANY = new HostCapabilities(true, Optional.empty(), false, Optional.empty(),
            HostTsc.UNKNOWN);

    /**
     * Features a KVM guest has whatever the host CPU says: KVM emulates them (the x2APIC, the TSC deadline
     * timer, TSC_ADJUST, the ARCH_CAPABILITIES MSR and the bits libvirt reads from it) or QEMU sets them.
     */
    private static final Set<String> KVM_EMULATED = Set.of("x2apic", "tsc-deadline", "hypervisor", "tsc_adjust",
            "arch-capabilities", "rdctl-no", "skip-l1dfl-vmentry", "mds-no", "pschange-mc-no");
    /** libvirt's CPU map names that the kernel spells otherwise, beyond '-' and '.' for '_'. */
    private static final Map<String, String> KERNEL_NAMES = Map.of("pclmuldq", "pclmulqdq",
            "tsc-deadline", "tsc_deadline_timer", "cr8legacy", "cr8_legacy", "avx512vnni", "avx512_vnni");
    private static final Path CPU_INFO = Path.of("/proc/cpuinfo");

    private static final Path KVM_DEVICE = Path.of("/dev/kvm");
    private static final Path ONLINE_NODES = Path.of("/sys/devices/system/node/online");

    public HostCapabilities {
        numaNodes = numaNodes.map(List::copyOf);
        cpuFlags = cpuFlags.map(Set::copyOf);
    }

    /** This machine: KVM is there when /dev/kvm can be opened for reading and writing, as QEMU opens it. */
    public static HostCapabilities probe() {
        return new HostCapabilities(Files.isReadable(KVM_DEVICE) && Files.isWritable(KVM_DEVICE), Optional.of(onlineNodes()),
                true, cpuInfoFlags(), HostTsc.kvm());
    }

    /**
     * Whether a KVM guest on this host can have the CPU feature libvirt's CPU map names so: the host CPU has it
     * (as the kernel reports it) or KVM provides it anyway. Any host is taken to have every feature.
     */
    public boolean hasCpuFeature(String libvirtName) {
        if (cpuFlags.isEmpty() || KVM_EMULATED.contains(libvirtName)) {
            return true;
        }
        String kernelName = KERNEL_NAMES.getOrDefault(libvirtName, libvirtName.replace('-', '_').replace('.', '_'));
        return cpuFlags.get().contains(kernelName);
    }

    /** The first processor's flags; none readable (not Linux, say) means any CPU is assumed. */
    private static Optional<Set<String>> cpuInfoFlags() {
        try (java.util.stream.Stream<String> lines = Files.lines(CPU_INFO)) {
            return lines.filter(line -> line.startsWith("flags")).findFirst()
                    .map(line -> Set.copyOf(List.of(line.substring(line.indexOf(':') + 1).trim().split("\\s+"))));
        } catch (IOException | java.io.UncheckedIOException e) {
            return Optional.empty();
        }
    }

    /** Whether the host can run the program at that path (any host is taken to have it). */
    public boolean canRun(String path) {
        return !programsHere || Files.isExecutable(Path.of(path));
    }

    public boolean hasNumaNode(int node) {
        return numaNodes.map(nodes -> nodes.contains(node)).orElse(true);
    }

    /** The kernel's list of online NUMA nodes; a kernel without NUMA support has node 0 alone, as libnuma says. */
    private static List<Integer> onlineNodes() {
        try {
            return Values.bitmap(Files.readString(ONLINE_NODES).trim(), Integer.MAX_VALUE / 2).orElse(List.of(0));
        } catch (IOException e) {
            return List.of(0);
        }
    }
}
