package dev.domxml.qemu;

import dev.domxml.model.IdeAddress;
import dev.domxml.model.MachineFamily;
import dev.domxml.model.ScsiAddress;
import dev.domxml.model.StorageControllerKind;
import dev.domxml.xml.InputException;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * SCSI and IDE/SATA addresses: as written, or the first free one as QEMU would pick it; an address
 * QEMU 7.2 would refuse (a target, LUN, bus or unit its controller does not have) is refused here.
 */
final class StorageAddresses {
    /** A SCSI controller's highest target (scsi-id) and LUN, as QEMU 7.2's SCSIBusInfo has them. */
    private record ScsiLimits(int maxTarget, int maxLun) {}

    private static final Map<StorageControllerKind, ScsiLimits> SCSI_LIMITS = Map.of(
            StorageControllerKind.VIRTIO_SCSI, new ScsiLimits(255, 16383),
            StorageControllerKind.LSI, new ScsiLimits(7, 0),
            StorageControllerKind.MEGASAS, new ScsiLimits(64, 255),
            StorageControllerKind.MPTSAS1068, new ScsiLimits(8, 1),
            StorageControllerKind.PVSCSI, new ScsiLimits(64, 0),
            StorageControllerKind.IBMVSCSI, new ScsiLimits(63, 31));
    /** Every SCSI controller has one bus, ID.0, and one channel, 0. */
    private static final Pattern SCSI_BUS = Pattern.compile("(.+)\\.0");
    /** pc has ide.0 and ide.1 of two units each; q35's ide.0-ide.5 and an ahci's ID.0-ID.5 are SATA ports. */
    private static final Pattern IDE_BUS = Pattern.compile("(.+)\\.(0|[1-9][0-9]*)");

    private final MachineFamily family;
    private final Map<String, StorageControllerKind> kinds;
    private final List<String> scsiControllers;
    private final Map<String, OptionValue> takenScsi = new HashMap<>();
    private final Map<String, OptionValue> takenIde = new HashMap<>();
    private final Map<String, Integer> lowestFree = new HashMap<>();

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
            if (!SCSI_BUS.matcher(bus).matches()) {
                throw v.error(v.describe() + ": bus=" + bus + " names no SCSI bus (" + kind.qemuDriver() + " "
                        + controller + " has one: " + controller + ".0)");
            }
        } else if (!scsiControllers.isEmpty()) {
            bus = scsiControllers.get(0) + ".0";
        } else {
            throw v.error(v.describe() + " has no bus= and there is no SCSI controller for it");
        }
        String controller = LibvirtNumbering.splitBus(bus)[0];
        String whose = "on " + kinds.get(controller).qemuDriver() + " " + controller;
        ScsiLimits limits = limits(bus);
        return scsi(v, bus, v.integer("channel", NumberRange.of(0, 0).where(whose)),
                v.integer("scsi-id", NumberRange.of(0, limits.maxTarget()).where(whose)),
                v.integer("lun", NumberRange.of(0, limits.maxLun()).where(whose)));
    }

    private ScsiLimits limits(String bus) {
        return SCSI_LIMITS.get(kinds.get(LibvirtNumbering.splitBus(bus)[0]));
    }

    private ScsiAddress scsi(OptionValue v, String bus, OptionalInt channel, OptionalInt scsiId, OptionalInt lun)
            throws InputException {
        boolean channels = kinds.get(LibvirtNumbering.splitBus(bus)[0]).scsiChannelAddressing();
        ScsiLimits limits = limits(bus);
        int c = channel.orElse(0);
        int id;
        int l;
        if (scsiId.isPresent()) {
            id = scsiId.getAsInt();
            l = lun.isPresent() ? lun.getAsInt()
                    : firstFree(v, "lun", bus, "lun of " + key(bus, c, id, -1), i -> key(bus, c, id, i), limits.maxLun());
        } else {
            l = lun.orElse(0);
            id = firstFree(v, "scsi-id", bus, "id for " + key(bus, c, -1, l), i -> key(bus, c, i, l), limits.maxTarget());
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

    /**
     * The lowest free scsi-id or LUN, as QEMU picks one ("no free target", "no free lun"). Addresses are
     * only ever taken, so the lowest free one of a {@code series} only rises: the search starts where
     * the last one ended (from 0 each time, 10,000 LUNs on one target took seconds).
     */
    private int firstFree(OptionValue v, String what, String bus, String series, IntFunction<String> key, int last)
            throws InputException {
        for (int i = lowestFree.getOrDefault(series, 0); i <= last; i++) {
            if (!takenScsi.containsKey(key.apply(i))) {
                lowestFree.put(series, i);
                return i;
            }
        }
        throw v.error(v.describe() + ": no free " + what + " left on " + bus + " (0-" + last + " are taken)");
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
        OptionalInt unit = v.integer("unit", NumberRange.of(0, 1).where("on an IDE bus"));
        if (written.isEmpty()) {
            return freeIde(v);
        }
        String bus = written.get();
        String[] parts = LibvirtNumbering.splitBus(bus);
        boolean builtin = parts[0].equals("ide");
        boolean ahci = builtin ? family == MachineFamily.Q35 : kinds.get(parts[0]) == StorageControllerKind.AHCI;
        Matcher m = IDE_BUS.matcher(bus);
        if (!m.matches() || (!builtin && !ahci)) {
            throw v.error(v.describe() + ": bus=" + bus + " names no IDE or SATA bus (ide.N"
                    + (family == MachineFamily.Q35 ? "" : ", or an ahci controller's ID.N") + ")");
        }
        int lastBus = ahci ? 5 : 1;
        NumberRange.of(0, lastBus).where(ahci ? "on " + (builtin ? "machine q35" : "ahci " + parts[0]) : "on machine pc")
                .checkInt(m.group(2), v.describe() + ": bus=" + bus, v.position());
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
        // QEMU 7.2: pc has 2 IDE buses of 2 units (index 0-3), q35 6 SATA ports of 1 unit (index 0-5)
        String machine = "for if=ide on machine " + (family == MachineFamily.Q35 ? "q35" : "pc");
        int buses = family == MachineFamily.Q35 ? 6 : 2;
        int units = family == MachineFamily.Q35 ? 1 : 2;
        checkPlace(spec.index(), "index", NumberRange.of(0, buses * units - 1).where(machine), v);
        checkPlace(spec.bus(), "bus", NumberRange.of(0, buses - 1).where(machine), v);
        checkPlace(spec.unit(), "unit", NumberRange.of(0, units - 1).where(machine), v);
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

    private static void checkPlace(OptionalInt value, String key, NumberRange range, OptionValue v) throws InputException {
        if (value.isPresent()) {
            range.checkInt(BigInteger.valueOf(value.getAsInt()), v.describe() + ": " + key + "=" + value.getAsInt(),
                    v.position());
        }
    }
}
