package dev.domxml.model;

/** A {@code pcie-root-port} on Q35: a PCIe bus of its own ({@code pci.N}) for one device. */
public record PcieRootPort(String id, int port, int chassis, PciAddress address) implements Device {

    @Override
    public java.util.Optional<PciAddress> pciAddress() {
        return java.util.Optional.of(address);
    }
}
