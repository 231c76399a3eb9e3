package dev.domxml.model;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * What a disk device shows the guest beyond its address: block sizes, geometry, and what it does on
 * a write or read error ({@code werror}/{@code rerror}: stop, report, ignore, enospc).
 */
public record DiskTuning(
        OptionalInt logicalBlockSize,
        OptionalInt physicalBlockSize,
        ChsGeometry geometry,
        Optional<String> writeErrorPolicy,
        Optional<String> readErrorPolicy) {

    public static final DiskTuning NONE = new DiskTuning(OptionalInt.empty(), OptionalInt.empty(), ChsGeometry.NONE,
            Optional.empty(), Optional.empty());
}
