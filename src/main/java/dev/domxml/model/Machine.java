package dev.domxml.model;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * The machine and the accelerator: {@code -machine pc-i440fx-7.2,...} and {@code -accel tcg}.
 * {@code family} tells how PCI is laid out (a flat pci.0, or pcie.0 with root ports); {@code smm} is
 * System Management Mode when written, {@code tsegMiB} q35's extended TSEG size when written, {@code vmport}
 * VMware's I/O port when written; the suspend switches are whether the guest may suspend to RAM (S3) and to
 * disk (S4), when written; {@code pciRoot} the host bridge's settings, {@code tbSizeMiB} TCG's translation block
 * cache size when written, {@code kernelIrqchip} QEMU's kernel_irqchip (split: the I/O APIC in QEMU, on: in KVM)
 * when written, {@code dirtyRingEntries} KVM's dirty page ring size when written.
 */
public record Machine(String type, MachineFamily family, String accelerator, String cpuModel, boolean acpi,
        Optional<Boolean> smm, OptionalLong tsegMiB, Optional<Boolean> vmport, Optional<Boolean> suspendToMem,
        Optional<Boolean> suspendToDisk, MemoryOptions memory, PciRoot pciRoot, OptionalLong tbSizeMiB, Hmat hmat,
        Optional<String> kernelIrqchip, OptionalInt dirtyRingEntries) {

    public Machine(String type, MachineFamily family, String accelerator, String cpuModel, boolean acpi,
            Optional<Boolean> smm, OptionalLong tsegMiB) {
        this(type, family, accelerator, cpuModel, acpi, smm, tsegMiB, Optional.empty(), Optional.empty(), Optional.empty(),
                MemoryOptions.DEFAULT, PciRoot.DEFAULT, OptionalLong.empty(), Hmat.NONE, Optional.empty(),
                OptionalInt.empty());
    }

    /**
     * How QEMU treats the guest's memory: in its core dumps ({@code dump-guest-core}), merged with identical
     * pages by KSM ({@code mem-merge}), locked in RAM ({@code -overcommit mem-lock}); and what holds all of
     * it when the guest has no NUMA nodes ({@code memory-backend=pc.ram}; NUMA nodes have backends of their own).
     */
    public record MemoryOptions(boolean dumpGuestCore, boolean merge, boolean locked, RamBacking ram) {
        public static final MemoryOptions DEFAULT = new MemoryOptions(false, true, false, RamBacking.PLAIN);
    }

    /**
     * The guest's ACPI Heterogeneous Memory Attribute Table ({@code hmat=on}): latencies and bandwidths
     * between NUMA nodes ({@code -numa hmat-lb}), in the order written, and the nodes' memory side caches
     * ({@code -numa hmat-cache}), node by node.
     */
    public record Hmat(List<Link> links, List<Cache> caches) {
        public static final Hmat NONE = new Hmat(List.of(), List.of());

        public Hmat {
            links = List.copyOf(links);
            caches = List.copyOf(caches);
        }

        public boolean on() {
            return !links.isEmpty() || !caches.isEmpty();
        }

        /**
         * From the initiator node's CPUs to the target node's memory ({@code level} 0) or one of its caches
         * (level 1 to 3): a latency in nanoseconds or a bandwidth in KiB/s; {@code access} is access, read or write.
         */
        public record Link(int initiator, int target, int level, String access, boolean latency, long value) {
            private static final List<String> LEVELS = List.of("memory", "first-level", "second-level", "third-level");

            public String option() {
                return "hmat-lb,initiator=" + initiator + ",target=" + target + ",hierarchy=" + LEVELS.get(level)
                        + ",data-type=" + access + (latency ? "-latency,latency=" + value : "-bandwidth,bandwidth=" + value + "K");
            }

            public static int level(String hierarchy) {
                return LEVELS.indexOf(hierarchy);
            }
        }

        /** A memory side cache of a node: QEMU's associativity (none, direct, complex) and policy (none, write-back, write-through). */
        public record Cache(int node, int level, long sizeKiB, String associativity, String policy, long lineBytes) {
            public String option() {
                return "hmat-cache,node-id=" + node + ",size=" + sizeKiB + "K,level=" + level + ",associativity="
                        + associativity + ",policy=" + policy + ",line=" + lineBytes;
            }
        }
    }

    /**
     * The root bus's settings, each when written: the size of the 64-bit PCI hole ({@code pci-hole64-size} of
     * the host bridge) and whether devices can be hotplugged into the root bus (i440FX's ACPI hotplug).
     */
    public record PciRoot(OptionalLong hole64KiB, Optional<Boolean> hotplug) {
        public static final PciRoot DEFAULT = new PciRoot(OptionalLong.empty(), Optional.empty());
    }
}
