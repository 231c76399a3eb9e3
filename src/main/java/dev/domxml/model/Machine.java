package dev.domxml.model;

import java.util.Optional;
import java.util.OptionalLong;

/**
 * The machine and the accelerator: {@code -machine pc-i440fx-7.2,...} and {@code -accel tcg}.
 * {@code family} tells how PCI is laid out (a flat pci.0, or pcie.0 with root ports); {@code smm} is
 * System Management Mode when written, {@code tsegMiB} q35's extended TSEG size when written, {@code vmport}
 * VMware's I/O port when written; the suspend switches are whether the guest may suspend to RAM (S3) and to
 * disk (S4), when written; {@code pciRoot} the host bridge's settings, {@code tbSizeMiB} TCG's translation block
 * cache size when written.
 */
public record Machine(String type, MachineFamily family, String accelerator, String cpuModel, boolean acpi,
        Optional<Boolean> smm, OptionalLong tsegMiB, Optional<Boolean> vmport, Optional<Boolean> suspendToMem,
        Optional<Boolean> suspendToDisk, MemoryOptions memory, PciRoot pciRoot, OptionalLong tbSizeMiB) {

    public Machine(String type, MachineFamily family, String accelerator, String cpuModel, boolean acpi,
            Optional<Boolean> smm, OptionalLong tsegMiB) {
        this(type, family, accelerator, cpuModel, acpi, smm, tsegMiB, Optional.empty(), Optional.empty(), Optional.empty(),
                MemoryOptions.DEFAULT, PciRoot.DEFAULT, OptionalLong.empty());
    }

    /**
     * How QEMU treats the guest's memory: in its core dumps ({@code dump-guest-core}), merged with identical
     * pages by KSM ({@code mem-merge}), locked in RAM ({@code -overcommit mem-lock}).
     */
    public record MemoryOptions(boolean dumpGuestCore, boolean merge, boolean locked) {
        public static final MemoryOptions DEFAULT = new MemoryOptions(false, true, false);
    }

    /**
     * The root bus's settings, each when written: the size of the 64-bit PCI hole ({@code pci-hole64-size} of
     * the host bridge) and whether devices can be hotplugged into the root bus (i440FX's ACPI hotplug).
     */
    public record PciRoot(OptionalLong hole64KiB, Optional<Boolean> hotplug) {
        public static final PciRoot DEFAULT = new PciRoot(OptionalLong.empty(), Optional.empty());
    }
}
