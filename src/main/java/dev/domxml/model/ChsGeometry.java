package dev.domxml.model;

import java.util.Optional;
import java.util.OptionalInt;

/** The BIOS disk geometry a disk device reports: cylinders, heads, sectors and IDE's CHS translation. */
public record ChsGeometry(OptionalInt cylinders, OptionalInt heads, OptionalInt sectors, Optional<String> translation) {

    public static final ChsGeometry NONE =
            new ChsGeometry(OptionalInt.empty(), OptionalInt.empty(), OptionalInt.empty(), Optional.empty());
}
