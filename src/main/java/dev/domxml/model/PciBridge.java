package dev.domxml.model;

/** A bridge that carries conventional PCI devices: {@code pci-bridge} or {@code pcie-to-pci-bridge}. */
public record PciBridge(String id, String driver, int chassisNr, PciAddress address) implements Device {

    @Override
    public java.util.Optional<PciAddress> pciAddress() {
        return java.util.Optional.of(address);
    }
}
