package dev.domxml.rules;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * The {@code <target>} of a PCI controller: a pci-bridge's chassisNr, a port's chassis and port number,
 * an expander bus's busNr and NUMA node, and hotplug='off'. Empty where the XML leaves them to libvirt.
 */
public record PciTarget(OptionalInt chassisNr, OptionalInt chassis, OptionalInt port, OptionalInt busNr,
        OptionalInt numaNode, Optional<Boolean> hotplug) {
    public static final PciTarget NONE = new PciTarget(OptionalInt.empty(), OptionalInt.empty(), OptionalInt.empty(),
            OptionalInt.empty(), OptionalInt.empty(), Optional.empty());
}
