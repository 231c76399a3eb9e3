package dev.domxml.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The guest's firmware: a ROM image ({@code -bios}), or flash images, pflash0 the code and pflash1
 * its variable store (a file, or an image over the network), each a block node pair; {@code secure} keeps the flash writable only from SMM;
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

    /**
     * One flash image: the storage node that reaches it, as QEMU's driver and that driver's properties ({@code file}
     * with its {@code filename}, or a network driver such as {@code nbd} with {@code server} and {@code export}),
     * and whether the guest may write it.
     */
    public record FlashImage(String driver, Map<String, Object> location, boolean readOnly) {
        public FlashImage {
            location = Collections.unmodifiableMap(new LinkedHashMap<>(location));
        }

        /** An image file. */
        public FlashImage(String path, boolean readOnly) {
            this("file", Map.of("filename", path), readOnly);
        }

        /** The image's file; none for an image over the network. */
        public Optional<String> file() {
            return driver.equals("file") ? Optional.of(String.valueOf(location.get("filename"))) : Optional.empty();
        }
    }
}
