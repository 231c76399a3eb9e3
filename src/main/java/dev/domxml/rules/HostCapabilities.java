package dev.domxml.rules;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What the machine a domain is meant for can run. libvirt checks a domain against the host it runs on
 * (virsh domxml-to-native and define refuse type='kvm' where there is no KVM, and host NUMA nodes the
 * host does not have); domxml does the same for this machine, or assumes a host that runs anything when
 * the domain is meant for another.
 *
 * @param kvm whether /dev/kvm can be used
 * @param numaNodes the host's NUMA nodes; empty when any node is taken to exist
 * @param programsHere whether programs the domain names (an interface's script) are looked for on this machine
 * @param cpu the host CPU's features, read when a domain first asks for them
 * @param tsc the host's TSC as KVM reports it, probed when a domain first asks for a TSC frequency
 */
public record HostCapabilities(boolean kvm, Optional<List<Integer>> numaNodes, boolean programsHere,
        HostCpu cpu, HostTsc tsc) {
    /** A host that runs every domain domxml models: no check depends on the machine domxml runs on. */
    public static final HostCapabilities ANY = new HostCapabilities(true, Optional.empty(), false, HostCpu.ANY,
            HostTsc.UNKNOWN);

    private static final Path KVM_DEVICE = Path.of("/dev/kvm");
    private static final Path ONLINE_NODES = Path.of("/sys/devices/system/node/online");

    public HostCapabilities {
        numaNodes = numaNodes.map(List::copyOf);
    }

    /** This machine: KVM is there when /dev/kvm can be opened for reading and writing, as QEMU opens it. */
    public static HostCapabilities probe() {
        return new HostCapabilities(Files.isReadable(KVM_DEVICE) && Files.isWritable(KVM_DEVICE), Optional.of(onlineNodes()),
                true, HostCpu.here(), HostTsc.kvm());
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
