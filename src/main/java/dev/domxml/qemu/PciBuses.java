package dev.domxml.qemu;

import com.fasterxml.jackson.databind.JsonNode;
import dev.domxml.model.MachineFamily;
import dev.domxml.model.PciAddress;
import dev.domxml.xml.InputException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The PCI buses of a command line (the root bus, root ports, bridges) and where each PCI device sits:
 * its {@code bus}/{@code addr} as written, or the lowest free slot as QEMU would pick it. A bus that
 * names nothing is an error, except {@code pci.N}: Proxmox VE lines pasted without their bridges use
 * those, so a pci-bridge is assumed (and said so).
 */
final class PciBuses {
    private static final Pattern PCI_N = Pattern.compile("pci\\.(\\d+)");
    private static final Pattern ADDR = Pattern.compile("(?:0[xX])?([0-9a-fA-F]{1,2})(?:\\.(?:0[xX])?([0-7]))?");

    /** The root bus; a port (slot 0 only); a bridge (slot 0 is its own); a bus every slot of which is free. */
    enum Kind { ROOT, ROOT_PORT, BRIDGE, FULL }

    record Bus(String id, Kind kind, Optional<OptionValue> definedBy) {}

    /** A device that wants a PCI address; {@code owner} is whatever the caller keys it by. */
    record Request(Object owner, OptionValue device, String bus, OptionalInt slot, int function,
            Optional<Boolean> multifunction, OptionalInt acpiIndex) {}

    /** A pci-bridge nobody defined, assumed for a {@code pci.N} bus; placed on the root bus. */
    record AssumedBridge(String id, int chassisNr, Object owner) {}

    private final MachineFamily family;
    private final ReadContext context;
    private final Map<String, Bus> buses = new LinkedHashMap<>();
    private final List<Request> requests = new ArrayList<>();
    private final List<AssumedBridge> assumed = new ArrayList<>();

    PciBuses(MachineFamily family, ReadContext context) {
        this.family = family;
        this.context = context;
        buses.put(family.rootBus(), new Bus(family.rootBus(), Kind.ROOT, Optional.empty()));
    }

    String rootBus() {
        return family.rootBus();
    }

    void define(String id, Kind kind, OptionValue by) throws InputException {
        Bus existing = buses.get(id);
        if (existing != null) {
            throw by.error(by.describe() + ": bus id '" + id + "' is already "
                    + existing.definedBy().map(o -> "defined by " + o.option().shortText() + " at " + o.position())
                            .orElse("the machine's root bus"));
        }
        buses.put(id, new Bus(id, kind, Optional.of(by)));
    }

    /** Asks for an address for a device with {@code bus}/{@code addr}/{@code multifunction} keys. */
    void request(Object owner, OptionValue device) throws InputException {
        String bus = device.text("bus").orElse(family.rootBus());
        Optional<int[]> addr = address(device);
        Optional<Boolean> multifunction = device.bool("multifunction");
        OptionalInt acpiIndex = device.integer("acpi-index", NumberRange.COUNT);
        requests.add(new Request(owner, device, bus,
                addr.map(a -> OptionalInt.of(a[0])).orElse(OptionalInt.empty()), addr.map(a -> a[1]).orElse(0),
                multifunction, acpiIndex));
    }

    private static Optional<int[]> address(OptionValue device) throws InputException {
        Optional<JsonNode> raw = device.raw("addr");
        if (raw.isEmpty() || raw.get().isNull()) {
            return Optional.empty();
        }
        if (raw.get().isIntegralNumber()) {
            // JSON addr is QEMU's devfn: slot * 8 + function
            int devfn = device.integer("addr", NumberRange.UINT8.where("slot * 8 + function")).getAsInt();
            return Optional.of(new int[] {devfn >> 3, devfn & 7});
        }
        Matcher m = ADDR.matcher(raw.get().asText().trim());
        // ADDR allows one or two hex digits and one octal one: parsing cannot overflow
        int slot = m.matches() ? NumberRange.parse("0x" + m.group(1)).orElseThrow().intValue() : -1;
        if (slot < 0 || slot > 31) {
            throw device.error(device.describe() + ": addr=" + raw.get().asText()
                    + " is not a PCI address (slot 0x0-0x1f, optionally .function 0-7)");
        }
        return Optional.of(new int[] {slot, m.group(2) == null ? 0 : m.group(2).charAt(0) - '0'});
    }

    List<AssumedBridge> assumedBridges() {
        return List.copyOf(assumed);
    }

    /** Every request's address; conflicts and unknown buses are errors at the device. */
    Map<Object, PciAddress> resolve() throws InputException {
        for (Request r : List.copyOf(requests)) {
            if (!buses.containsKey(r.bus())) {
                assumeBridge(r);
            }
        }
        Map<Object, PciAddress> out = new HashMap<>();
        Map<String, Request> taken = new HashMap<>();
        for (Request r : requests) {
            if (r.slot().isPresent()) {
                Bus bus = buses.get(r.bus());
                int slot = r.slot().getAsInt();
                checkSlot(r, bus, slot, r.function());
                take(taken, r, slot);
                out.put(r.owner(), new PciAddress(r.bus(), slot, r.function(), r.multifunction(), r.acpiIndex()));
            }
        }
        for (Request r : requests) {
            if (r.slot().isEmpty()) {
                Bus bus = buses.get(r.bus());
                int slot = freeSlot(taken, bus, r);
                take(taken, r, slot);
                out.put(r.owner(), new PciAddress(r.bus(), slot, 0, r.multifunction(), r.acpiIndex()));
            }
        }
        return out;
    }

    private void assumeBridge(Request r) throws InputException {
        Matcher m = PCI_N.matcher(r.bus());
        if (!m.matches() || r.bus().equals("pci.0")) {
            String why = r.bus().equals("pci.0") || r.bus().equals("pcie.0")
                    ? " (the machine is " + (family == MachineFamily.Q35 ? "q35, whose root bus is pcie.0" : "i440fx, whose root bus is pci.0") + ")"
                    : "";
            throw r.device().error(r.device().describe() + ": bus=" + r.bus() + " names no PCI bus" + why);
        }
        // the assumed bridge's chassis_nr is N, a uint8 that QEMU refuses as 0
        int n = NumberRange.of(1, 255).where("for an assumed pci-bridge").checkInt(m.group(1),
                r.device().describe() + ": bus=" + r.bus(), r.device().position());
        Object owner = new Object();
        // Proxmox VE's own places for its bridges on i440fx, used when free.
        int[] preferred = family == MachineFamily.I440FX ? switch (n) {
            case 1 -> new int[] {0x1e};
            case 2 -> new int[] {0x1f};
            case 3 -> new int[] {0x5};
            default -> new int[0];
        } : new int[0];
        buses.put(r.bus(), new Bus(r.bus(), Kind.BRIDGE, Optional.empty()));
        assumed.add(new AssumedBridge(r.bus(), n, owner));
        boolean slotFree = preferred.length > 0 && requests.stream().noneMatch(
                q -> q.bus().equals(family.rootBus()) && q.slot().isPresent() && q.slot().getAsInt() == preferred[0]);
        requests.add(0, new Request(owner, r.device(), family.rootBus(),
                slotFree ? OptionalInt.of(preferred[0]) : OptionalInt.empty(), 0, Optional.empty(),
                OptionalInt.empty()));
        context.warn(CommandLineReader.ASSUMED, "bus " + r.bus() + " is not defined on this command line: assuming a"
                + " pci-bridge " + r.bus() + " on " + family.rootBus() + " (Proxmox VE defines its bridges itself)",
                r.device().position());
    }

    private void checkSlot(Request r, Bus bus, int slot, int function) throws InputException {
        if (bus.kind() == Kind.ROOT_PORT && slot != 0) {
            throw r.device().error(r.device().describe() + ": " + bus.id() + " is a PCIe root port: it has only slot 0, not addr="
                    + PciAddress.of(bus.id(), slot, function).addr());
        }
        if (bus.kind() == Kind.ROOT && (slot == 0 || (family == MachineFamily.I440FX && slot == 1 && function != 2)
                || (family == MachineFamily.Q35 && slot == 0x1f))) {
            throw r.device().error(r.device().describe() + ": " + bus.id() + " addr="
                    + PciAddress.of(bus.id(), slot, function).addr() + " is taken by the chipset");
        }
    }

    private static void take(Map<String, Request> taken, Request r, int slot) throws InputException {
        String key = r.bus() + "/" + slot + "." + r.function();
        Request other = taken.putIfAbsent(key, r);
        if (other != null) {
            throw r.device().error(r.device().describe() + ": PCI address " + r.bus() + " "
                    + PciAddress.of(r.bus(), slot, r.function()).addr() + " is already taken by "
                    + other.device().option().shortText() + " at " + other.device().position());
        }
    }

    private int freeSlot(Map<String, Request> taken, Bus bus, Request r) throws InputException {
        int first = switch (bus.kind()) {
            case ROOT -> family.firstRootSlot();
            case ROOT_PORT -> 0;
            case BRIDGE -> 1;
            case FULL -> 0;
        };
        int last = switch (bus.kind()) {
            case ROOT -> family.lastRootSlot();
            case ROOT_PORT -> 0;
            case BRIDGE, FULL -> 31;
        };
        for (int slot = first; slot <= last; slot++) {
            int s = slot;
            if (taken.keySet().stream().noneMatch(k -> k.startsWith(bus.id() + "/" + s + "."))) {
                return slot;
            }
        }
        throw r.device().error(r.device().describe() + ": no free slot left on PCI bus " + bus.id());
    }
}
