package dev.domxml.model;

import java.util.List;
import java.util.Optional;

/**
 * The guest's firmware: a ROM image ({@code -bios}), or flash images, pflash0 the code and pflash1
 * its variable store, each a block node pair; {@code secure} keeps the flash writable only from SMM;
 * {@code slicTable} a file with the ACPI SLIC table the firmware hands to the guest ({@code -acpitable}).
 */
public record Firmware(Optional<String> bios, List<FlashImage> flash, boolean secure, Optional<String> slicTable) {
    /** QEMU's built-in firmware. */
    public static final Firmware DEFAULT = new Firmware(Optional.empty(), List.of(), false);

    public Firmware {
        flash = List.copyOf(flash);
    }

    public Firmware(Optional<String> bios, List<FlashImage> flash, boolean secure) {
        this(bios, flash, secure, Optional.empty());
    }

    public Firmware withSlicTable(Optional<String> file) {
        return new Firmware(bios, flash, secure, file);
    }

    /** One flash image: its file and whether the guest may write it. */
    public record FlashImage(String path, boolean readOnly) {}
}
