package dev.domxml.model;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * What a disk device shows the guest beyond its address: block sizes, geometry, what it does on a write
 * or read error ({@code werror}/{@code rerror}: stop, report, ignore, enospc), and whether a USB disk says it
 * is removable.
 */
public record DiskTuning(
        OptionalInt logicalBlockSize,
        OptionalInt physicalBlockSize,
        ChsGeometry geometry,
        Optional<String> writeErrorPolicy,
        Optional<String> readErrorPolicy,
        Optional<Boolean> removable) {

    public static final DiskTuning NONE = new DiskTuning(OptionalInt.empty(), OptionalInt.empty(), ChsGeometry.NONE,
            Optional.empty(), Optional.empty(), Optional.empty());

    public DiskTuning withRemovable(Optional<Boolean> value) {
        return new DiskTuning(logicalBlockSize, physicalBlockSize, geometry, writeErrorPolicy, readErrorPolicy, value);
    }
}
