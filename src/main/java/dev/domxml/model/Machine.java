package dev.domxml.model;

/**
 * The machine and the accelerator: {@code -machine pc-i440fx-7.2,...} and {@code -accel tcg}.
 * {@code family} tells how PCI is laid out (a flat pci.0, or pcie.0 with root ports).
 */
public record Machine(String type, MachineFamily family, String accelerator, String cpuModel, boolean acpi) {}
