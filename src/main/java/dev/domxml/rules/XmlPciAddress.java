package dev.domxml.rules;

/** A {@code <address type='pci'>} as written: PCI controller index (the bus), slot, function. */
public record XmlPciAddress(int domain, int bus, int slot, int function, boolean multifunction) {}
