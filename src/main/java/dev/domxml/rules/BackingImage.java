package dev.domxml.rules;

import java.util.Optional;
import java.util.OptionalLong;

/**
 * One image of a disk's {@code <backingStore>} chain, below the disk's own image: where it is ({@code file},
 * {@code block} or {@code network}), its format, and whether it has a {@code <backingStore>} of its own
 * (then QEMU is told what is below it, even that nothing is; else it opens what the image names).
 */
public record BackingImage(
        String type,
        Optional<String> sourcePath,
        Optional<NetworkSource> network,
        String format,
        OptionalLong metadataCacheBytes,
        boolean chainWritten) {}
