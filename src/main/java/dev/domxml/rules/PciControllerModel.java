package dev.domxml.rules;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * The models of {@code <controller type='pci'>} and, for each, what it plugs into and what it takes
 * downstream, as libvirt's address assignment sees them: a pcie-root-port is one hotpluggable slot for a
 * PCIe device, a switch upstream port takes only downstream ports, a dmi-to-pci-bridge takes conventional
 * devices that are placed there by hand, and so on.
 */
enum PciControllerModel {
    PCI_ROOT("pci-root", "", 1, 31, EnumSet.noneOf(PciConnect.class),
            EnumSet.of(PciConnect.AUTOASSIGN, PciConnect.PCI_DEVICE, PciConnect.PCI_BRIDGE, PciConnect.PCI_EXPANDER_BUS)),
    PCIE_ROOT("pcie-root", "", 1, 31, EnumSet.noneOf(PciConnect.class),
            EnumSet.of(PciConnect.PCIE_DEVICE, PciConnect.PCIE_ROOT_PORT, PciConnect.DMI_TO_PCI_BRIDGE,
                    PciConnect.PCIE_EXPANDER_BUS)),
    PCI_BRIDGE("pci-bridge", "pci-bridge", 1, 31, EnumSet.of(PciConnect.PCI_BRIDGE),
            EnumSet.of(PciConnect.AUTOASSIGN, PciConnect.PCI_DEVICE, PciConnect.PCI_BRIDGE)),
    DMI_TO_PCI_BRIDGE("dmi-to-pci-bridge", "i82801b11-bridge", 0, 31, EnumSet.of(PciConnect.DMI_TO_PCI_BRIDGE),
            EnumSet.of(PciConnect.PCI_DEVICE, PciConnect.PCI_BRIDGE)),
    PCIE_TO_PCI_BRIDGE("pcie-to-pci-bridge", "pcie-pci-bridge", 1, 31, EnumSet.of(PciConnect.PCIE_TO_PCI_BRIDGE),
            EnumSet.of(PciConnect.AUTOASSIGN, PciConnect.PCI_DEVICE, PciConnect.PCI_BRIDGE)),
    PCIE_ROOT_PORT("pcie-root-port", "pcie-root-port", 0, 0,
            EnumSet.of(PciConnect.PCIE_ROOT_PORT, PciConnect.AGGREGATE_SLOT),
            EnumSet.of(PciConnect.AUTOASSIGN, PciConnect.PCIE_DEVICE, PciConnect.PCIE_SWITCH_UPSTREAM_PORT,
                    PciConnect.PCIE_TO_PCI_BRIDGE)),
    PCIE_SWITCH_UPSTREAM_PORT("pcie-switch-upstream-port", "x3130-upstream", 0, 31,
            EnumSet.of(PciConnect.PCIE_SWITCH_UPSTREAM_PORT), EnumSet.of(PciConnect.PCIE_SWITCH_DOWNSTREAM_PORT)),
    PCIE_SWITCH_DOWNSTREAM_PORT("pcie-switch-downstream-port", "xio3130-downstream", 0, 0,
            EnumSet.of(PciConnect.PCIE_SWITCH_DOWNSTREAM_PORT),
            EnumSet.of(PciConnect.AUTOASSIGN, PciConnect.PCIE_DEVICE, PciConnect.PCIE_SWITCH_UPSTREAM_PORT,
                    PciConnect.PCIE_TO_PCI_BRIDGE)),
    PCI_EXPANDER_BUS("pci-expander-bus", "pxb", 0, 31, EnumSet.of(PciConnect.PCI_EXPANDER_BUS),
            EnumSet.of(PciConnect.AUTOASSIGN, PciConnect.PCI_DEVICE, PciConnect.PCI_BRIDGE)),
    PCIE_EXPANDER_BUS("pcie-expander-bus", "pxb-pcie", 0, 31, EnumSet.of(PciConnect.PCIE_EXPANDER_BUS),
            EnumSet.of(PciConnect.PCIE_ROOT_PORT, PciConnect.DMI_TO_PCI_BRIDGE));

    private final String xmlName;
    private final String qemuDriver;
    private final int minSlot;
    private final int maxSlot;
    private final Set<PciConnect> connectsAs;
    private final Set<PciConnect> accepts;

    PciControllerModel(String xmlName, String qemuDriver, int minSlot, int maxSlot, Set<PciConnect> connectsAs,
            Set<PciConnect> accepts) {
        this.xmlName = xmlName;
        this.qemuDriver = qemuDriver;
        this.minSlot = minSlot;
        this.maxSlot = maxSlot;
        this.connectsAs = connectsAs;
        this.accepts = accepts;
    }

    static Optional<PciControllerModel> fromXml(String name) {
        return Arrays.stream(values()).filter(m -> m.xmlName.equals(name)).findFirst();
    }

    String xmlName() {
        return xmlName;
    }

    /** The QEMU device libvirt uses when {@code <model name>} does not say. */
    String qemuDriver() {
        return qemuDriver;
    }

    int minSlot() {
        return minSlot;
    }

    int maxSlot() {
        return maxSlot;
    }

    /** How the controller itself plugs into its parent bus. */
    Set<PciConnect> connectsAs() {
        return connectsAs;
    }

    /** What the bus it provides takes; hotplug is added unless the XML turns it off (roots have none). */
    Set<PciConnect> accepts(boolean hotplug) {
        EnumSet<PciConnect> flags = EnumSet.copyOf(accepts);
        if (hotplug && this != PCIE_ROOT && this != DMI_TO_PCI_BRIDGE && this != PCIE_SWITCH_UPSTREAM_PORT
                && this != PCIE_EXPANDER_BUS) {
            flags.add(PciConnect.HOTPLUGGABLE);
        }
        return flags;
    }

    boolean isRoot() {
        return this == PCI_ROOT || this == PCIE_ROOT;
    }
}
