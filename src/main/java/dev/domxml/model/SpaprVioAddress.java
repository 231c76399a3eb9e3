package dev.domxml.model;

import java.util.OptionalLong;

/**
 * Where a device sits on the sPAPR VIO bus (POWER's paravirtual bus, which libvirt also gives to an x86
 * guest's ibmvscsi controller): its {@code reg}, or none when QEMU picks it.
 */
public record SpaprVioAddress(OptionalLong reg) implements DeviceAddress {}
