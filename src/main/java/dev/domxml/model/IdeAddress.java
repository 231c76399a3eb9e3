package dev.domxml.model;

import java.util.OptionalInt;

/** An IDE/SATA port: {@code ide.1} plus unit for PIIX, {@code sata0.3} (one device per port) for AHCI. */
public record IdeAddress(String bus, OptionalInt unit) implements DeviceAddress {}
