package dev.domxml.model;

import java.util.OptionalInt;

/**
 * The USB host controller ({@code piix3-usb-uhci} in the PIIX3 at 0x1.0x2, {@code qemu-xhci}, ...);
 * {@code ports} is the xHCI port count (QEMU's p2 and p3) when set.
 */
public record UsbController(String id, String driver, OptionalInt ports, PciAddress address) implements Device {

    @Override
    public java.util.Optional<PciAddress> pciAddress() {
        return java.util.Optional.of(address);
    }
}
