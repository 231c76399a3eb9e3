package dev.domxml.rules;

/**
 * libvirt's PCI connection flags: the kind of thing a device is when it plugs into a bus (an endpoint, a
 * particular controller), and what a bus offers (auto-assignment, hotplug). A device fits a bus when
 * they share a kind; an auto-assigned device needs a bus that allows auto-assignment.
 */
enum PciConnect {
    PCI_DEVICE,
    PCIE_DEVICE,
    PCIE_ROOT_PORT,
    PCIE_SWITCH_UPSTREAM_PORT,
    PCIE_SWITCH_DOWNSTREAM_PORT,
    DMI_TO_PCI_BRIDGE,
    PCIE_TO_PCI_BRIDGE,
    PCI_EXPANDER_BUS,
    PCIE_EXPANDER_BUS,
    PCI_BRIDGE,
    /** A bus libvirt may place devices on by itself; on a device: it is being placed by libvirt. */
    AUTOASSIGN,
    HOTPLUGGABLE,
    /** On a device: it must sit on the root bus itself (libvirt's integrated devices, such as virtio-iommu). */
    INTEGRATED,
    /** Root ports may share a slot, one per function. */
    AGGREGATE_SLOT;

    boolean isKind() {
        return ordinal() <= PCI_BRIDGE.ordinal();
    }
}
