package dev.domxml.model;

import java.util.Optional;

/**
 * A PCIe port: a bus of its own ({@code pci.N}) for one device. A root port on Q35's root complex (QEMU's
 * generic {@code pcie-root-port} or Intel's {@code ioh3420}), or a switch's downstream port
 * ({@code xio3130-downstream}). {@code hotplug} is said only when the XML turns it off or on.
 */
public record PciePort(String id, String driver, int port, int chassis, Optional<Boolean> hotplug, PciAddress address)
        implements Device {

    public boolean isRootPort() {
        return !driver.equals("xio3130-downstream");
    }

    @Override
    public Optional<PciAddress> pciAddress() {
        return Optional.of(address);
    }
}
