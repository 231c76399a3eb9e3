package dev.domxml.qemu;

import dev.domxml.model.IdeAddress;
import dev.domxml.model.MachineFamily;
import dev.domxml.model.ScsiAddress;
import dev.domxml.model.StorageControllerKind;
import dev.domxml.xml.InputException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/** SCSI and IDE/SATA addresses: as written, or the first free one as QEMU would pick it. */
final class StorageAddresses {
    private final MachineFamily family;
    private final Map<String, StorageControllerKind> kinds;
    private final List<String> scsiControllers;
    private final Map<String, OptionValue> takenScsi = new HashMap<>();
    private final Map<String, OptionValue> takenIde = new HashMap<>();

    StorageAddresses(MachineFamily family, Map<String, StorageControllerKind> kinds, List<String> scsiControllers) {
        this.family = family;
        this.kinds = kinds;
        this.scsiControllers = scsiControllers;
    }

    ScsiAddress scsi(OptionValue v) throws InputException {
        String bus;
        Optional<String> written = v.text("bus");
        if (written.isPresent()) {
            bus = written.get();
            String controller = LibvirtNumbering.splitBus(bus)[0];
            StorageControllerKind kind = kinds.get(controller);
            if (kind == null || kind == StorageControllerKind.AHCI || !bus.matches(".+\\.\\d+")) {
                throw v.error(v.describe() + ": bus=" + bus + " names no SCSI controller (a -device such as"
                        + " virtio-scsi-pci,id=" + controller + ")");
            }
        } else if (!scsiControllers.isEmpty()) {
            bus = scsiControllers.get(0) + ".0";
        } else {
            throw v.error(v.describe() + " has no bus= and there is no SCSI controller for it");
        }
        return scsi(v, bus, v.integer("channel"), v.integer("scsi-id"), v.integer("lun"));
    }

    private ScsiAddress scsi(OptionValue v, String bus, OptionalInt channel, OptionalInt scsiId, OptionalInt lun)
            throws InputException {
        boolean channels = kinds.get(LibvirtNumbering.splitBus(bus)[0]).scsiChannelAddressing();
        int c = channel.orElse(0);
        int id;
        int l;
        if (scsiId.isPresent()) {
            id = scsiId.getAsInt();
            l = lun.isPresent() ? lun.getAsInt() : firstFree(i -> key(bus, c, id, i), 0, 255);
        } else {
            l = lun.orElse(0);
            id = firstFree(i -> key(bus, c, i, l), 0, channels ? 255 : 6);
        }
        OptionValue other = takenScsi.putIfAbsent(key(bus, c, id, l), v);
        if (other != null) {
            throw v.error(v.describe() + ": " + bus + " channel " + c + " scsi-id " + id + " lun " + l
                    + " is already taken by " + other.option().shortText() + " at " + other.position());
        }
        return channels
                ? new ScsiAddress(bus, OptionalInt.of(c), id, OptionalInt.of(l))
                : new ScsiAddress(bus, channel, id, lun);
    }

    private String key(String bus, int channel, int id, int lun) {
        return bus + "/" + channel + "/" + id + "/" + lun;
    }

    private int firstFree(java.util.function.IntFunction<String> key, int from, int to) {
        for (int i = from; i <= to; i++) {
            if (!takenScsi.containsKey(key.apply(i))) {
                return i;
            }
        }
        return to + 1;
    }

    ScsiAddress scsiShorthand(BlockGraph.DriveSpec spec, OptionValue v) throws InputException {
        int busNumber = spec.bus().orElse(spec.index().isPresent() ? spec.index().getAsInt() / 7 : 0);
        if (busNumber >= scsiControllers.size()) {
            throw v.error("-drive " + spec.id() + ": if=scsi bus " + busNumber + " has no SCSI controller ("
                    + scsiControllers.size() + " on the line)");
        }
        String bus = scsiControllers.get(busNumber) + ".0";
        OptionalInt unit = spec.unit().isPresent() ? spec.unit()
                : spec.index().isPresent() ? OptionalInt.of(spec.index().getAsInt() % 7) : OptionalInt.empty();
        boolean channels = kinds.get(scsiControllers.get(busNumber)).scsiChannelAddressing();
        return scsi(v, bus, channels ? OptionalInt.of(0) : OptionalInt.empty(), unit,
                channels ? OptionalInt.of(0) : OptionalInt.empty());
    }

    IdeAddress ide(OptionValue v) throws InputException {
        Optional<String> written = v.text("bus");
        OptionalInt unit = v.integer("unit");
        if (written.isEmpty()) {
            return freeIde(v);
        }
        String bus = written.get();
        String[] parts = LibvirtNumbering.splitBus(bus);
        boolean builtin = parts[0].equals("ide");
        boolean ahci = builtin ? family == MachineFamily.Q35 : kinds.get(parts[0]) == StorageControllerKind.AHCI;
        if (!bus.matches(".+\\.\\d+") || (!builtin && !ahci)) {
            throw v.error(v.describe() + ": bus=" + bus + " names no IDE or SATA bus (ide.N"
                    + (family == MachineFamily.Q35 ? "" : ", or an ahci controller's ID.N") + ")");
        }
        if (ahci) {
            if (unit.isPresent() && unit.getAsInt() != 0) {
                throw v.error(v.describe() + ": unit=" + unit.getAsInt() + " on SATA port " + bus
                        + ": a SATA port has only unit 0");
            }
            return takeIde(v, new IdeAddress(bus, OptionalInt.empty()));
        }
        int u = unit.isPresent() ? unit.getAsInt() : takenIde.containsKey(bus + "/0") ? 1 : 0;
        return takeIde(v, new IdeAddress(bus, OptionalInt.of(u)));
    }

    private IdeAddress freeIde(OptionValue v) throws InputException {
        if (family == MachineFamily.Q35) {
            for (int port = 0; port < 6; port++) {
                if (!takenIde.containsKey("ide." + port + "/x")) {
                    return takeIde(v, new IdeAddress("ide." + port, OptionalInt.empty()));
                }
            }
        } else {
            for (int i = 0; i < 4; i++) {
                if (!takenIde.containsKey("ide." + i / 2 + "/" + i % 2)) {
                    return takeIde(v, new IdeAddress("ide." + i / 2, OptionalInt.of(i % 2)));
                }
            }
        }
        throw v.error(v.describe() + ": no free IDE/SATA unit left on the built-in controller");
    }

    private IdeAddress takeIde(OptionValue v, IdeAddress address) throws InputException {
        String key = address.bus() + "/" + (address.unit().isPresent() ? address.unit().getAsInt() : "x");
        OptionValue other = takenIde.putIfAbsent(key, v);
        if (other != null) {
            throw v.error(v.describe() + ": " + address.bus()
                    + address.unit().stream().mapToObj(u -> " unit " + u).findFirst().orElse("")
                    + " is already taken by " + other.option().shortText() + " at " + other.position());
        }
        return address;
    }

    IdeAddress ideShorthand(BlockGraph.DriveSpec spec, OptionValue v) throws InputException {
        if (family == MachineFamily.Q35) {
            OptionalInt port = spec.index().isPresent() ? spec.index() : spec.bus();
            return port.isPresent() ? takeIde(v, new IdeAddress("ide." + port.getAsInt(), OptionalInt.empty()))
                    : freeIde(v);
        }
        OptionalInt bus = spec.bus().isPresent() ? spec.bus()
                : spec.index().isPresent() ? OptionalInt.of(spec.index().getAsInt() / 2) : OptionalInt.empty();
        OptionalInt unit = spec.unit().isPresent() ? spec.unit()
                : spec.index().isPresent() ? OptionalInt.of(spec.index().getAsInt() % 2) : OptionalInt.empty();
        if (bus.isEmpty()) {
            return freeIde(v);
        }
        int u = unit.isPresent() ? unit.getAsInt() : takenIde.containsKey("ide." + bus.getAsInt() + "/0") ? 1 : 0;
        return takeIde(v, new IdeAddress("ide." + bus.getAsInt(), OptionalInt.of(u)));
    }
}
