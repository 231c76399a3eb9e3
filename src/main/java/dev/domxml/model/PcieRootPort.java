package dev.domxml.model;

/**
 * A PCIe root port on Q35: a PCIe bus of its own ({@code pci.N}) for one device. {@code driver} is QEMU's
 * generic {@code pcie-root-port} or Intel's {@code ioh3420}.
 */
public record PcieRootPort(String id, String driver, int port, int chassis, PciAddress address) implements Device {

    @Override
    public java.util.Optional<PciAddress> pciAddress() {
        return java.util.Optional.of(address);
    }
}
