package dev.domxml.model;

/** The USB host controller ({@code piix3-usb-uhci} in the PIIX3 at 0x1.0x2, {@code qemu-xhci}, ...). */
public record UsbController(String id, String driver, PciAddress address) implements Device {}
