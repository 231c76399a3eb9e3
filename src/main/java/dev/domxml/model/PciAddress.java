package dev.domxml.model;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * Where a PCI device sits: bus id ({@code pci.0}, {@code pcie.0}, {@code pci.3}), slot, function, and
 * multifunction when it is said (on, or off: libvirt passes an explicit off on to QEMU), and the device's
 * ACPI index when it has one (libvirt writes it with the address).
 */
public record PciAddress(String bus, int slot, int function, Optional<Boolean> multifunction, OptionalInt acpiIndex)
        implements DeviceAddress {

    public PciAddress {
        if (slot < 0 || slot > 31 || function < 0 || function > 7) {
            throw new IllegalArgumentException("PCI address out of range: " + slot + "." + function);
        }
    }

    public PciAddress(String bus, int slot, int function, Optional<Boolean> multifunction) {
        this(bus, slot, function, multifunction, OptionalInt.empty());
    }

    public PciAddress withAcpiIndex(int index) {
        return new PciAddress(bus, slot, function, multifunction, OptionalInt.of(index));
    }

    public static PciAddress of(String bus, int slot, int function) {
        return new PciAddress(bus, slot, function, Optional.empty());
    }

    /** QEMU's {@code addr} value: {@code 0x2} or {@code 0x1.0x2}. */
    public String addr() {
        return function == 0 ? "0x" + Integer.toHexString(slot)
                : "0x" + Integer.toHexString(slot) + ".0x" + Integer.toHexString(function);
    }
}
