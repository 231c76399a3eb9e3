package dev.domxml.model;

/** A drive on the ISA floppy controller: unit 0 is drive A, unit 1 drive B. */
public record FloppyAddress(int unit) implements DeviceAddress {}
