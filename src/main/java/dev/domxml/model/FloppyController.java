package dev.domxml.model;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * The ISA floppy controller, which holds the floppy drives' boot indexes. On i440FX it is built in and
 * only its boot indexes are set ({@code -global isa-fdc.bootindexA=1}); on Q35 it is added ({@code -device
 * isa-fdc}).
 */
public record FloppyController(boolean explicit, OptionalInt bootIndexA, OptionalInt bootIndexB) implements Device {
    @Override
    public String id() {
        return "fdc0";
    }

    @Override
    public Optional<PciAddress> pciAddress() {
        return Optional.empty();
    }
}
