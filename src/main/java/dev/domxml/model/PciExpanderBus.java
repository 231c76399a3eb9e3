package dev.domxml.model;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * A PCI expander bus ({@code pxb}, or {@code pxb-pcie} on Q35): an extra root bus numbered from
 * {@code busNr}, usually tied to a host NUMA node.
 */
public record PciExpanderBus(String id, String driver, int busNr, OptionalInt numaNode, PciAddress address)
        implements Device {

    @Override
    public Optional<PciAddress> pciAddress() {
        return Optional.of(address);
    }
}
