package dev.domxml.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The guest's firmware: a ROM image ({@code -bios}), or flash images, pflash0 the code and pflash1
 * its variable store (a file, or an image over the network), each a block node pair; {@code secure} keeps the flash writable only from SMM;
 * {@code slicTable} a file with the ACPI SLIC table the firmware hands to the guest ({@code -acpitable});
 * {@code kernel} a kernel the firmware boots directly instead of a disk's boot loader; {@code serialOutput} whether
 * the BIOS writes to the serial port ({@code graphics=off} on x86 machines).
 */
public record Firmware(Optional<String> bios, List<FlashImage> flash, boolean secure, Optional<String> slicTable,
        KernelBoot kernel, boolean serialOutput) {
    /** QEMU's built-in firmware. */
    public static final Firmware DEFAULT = new Firmware(Optional.empty(), List.of(), false);

    /** Direct kernel boot: {@code -kernel}, {@code -initrd}, {@code -append} (the command line) and {@code -dtb}. */
    public record KernelBoot(Optional<String> kernel, Optional<String> initrd, Optional<String> cmdline,
            Optional<String> dtb) {
        public static final KernelBoot NONE = new KernelBoot(Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty());
    }

    public Firmware {
        flash = List.copyOf(flash);
    }

    public Firmware(Optional<String> bios, List<FlashImage> flash, boolean secure) {
        this(bios, flash, secure, Optional.empty(), KernelBoot.NONE, false);
    }

    public Firmware withSlicTable(Optional<String> file) {
        return new Firmware(bios, flash, secure, file, kernel, serialOutput);
    }

    public Firmware withKernel(KernelBoot boot) {
        return new Firmware(bios, flash, secure, slicTable, boot, serialOutput);
    }

    public Firmware withSerialOutput(boolean on) {
        return new Firmware(bios, flash, secure, slicTable, kernel, on);
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
