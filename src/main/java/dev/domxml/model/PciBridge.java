package dev.domxml.model;

/**
 * A PCI controller that is a bridge and has no settings but its id: {@code pci-bridge} (with its
 * {@code chassis_nr}; -1 for none), {@code pcie-pci-bridge}, the DMI-to-PCI {@code i82801b11-bridge}, and a
 * PCIe switch's upstream port {@code x3130-upstream}.
 */
public record PciBridge(String id, String driver, int chassisNr, PciAddress address) implements Device {

    @Override
    public java.util.Optional<PciAddress> pciAddress() {
        return java.util.Optional.of(address);
    }
}
