package dev.domxml.rules;

import java.util.Optional;

/**
 * A {@code <address type='pci'>} as written: PCI controller index (the bus), slot, function, and
 * multifunction (empty when the XML leaves it out).
 */
public record XmlPciAddress(int domain, int bus, int slot, int function, Optional<Boolean> multifunction) {}
