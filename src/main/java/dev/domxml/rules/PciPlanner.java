package dev.domxml.rules;

import dev.domxml.model.Device;
import dev.domxml.model.MachineFamily;
import dev.domxml.model.PciAddress;
import dev.domxml.model.PciBridge;
import dev.domxml.model.PciExpanderBus;
import dev.domxml.model.PciePort;
import dev.domxml.report.SourcePosition;
import dev.domxml.rules.PciAddressSet.Refused;
import dev.domxml.rules.PciAddressSet.Slot;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * libvirt's PCI address assignment. Every PCI controller model takes certain kinds of devices (see
 * {@link PciControllerModel}); devices without an address take the first free slot that fits, lowest bus
 * first. A dry run over all devices finds the buses that are missing (pci-bridges on i440FX, root ports and
 * a pcie-to-pci-bridge on Q35, plus one spare root port when libvirt manages a Q35 domain's buses alone);
 * libvirt adds those controllers, then assigns every address again for real: controllers first, in the
 * domain's order, then the devices in its fixed order. Chipset devices keep their real-hardware slots.
 */
final class PciPlanner {
    static final String RULE_ID = "pci-address";

    /**
     * How a device plugs in: conventional PCI, PCI Express (gets a root port on Q35), or integrated into the
     * root bus (00:xx only).
     */
    enum Connect { PCI, PCIE, INTEGRATED }

    /**
     * One device that needs a PCI address, in libvirt's assignment order. {@code preferred} is where a
     * chipset device sits on real hardware (Q35's USB2 at 00:1d or 00:1a, its audio at 00:1b): the first of
     * those slots that is free, else the device is placed like any other. A device {@code placedAgainLast}
     * loses its first-round slot; one {@code placedOnlyAgain} exists only in the second round.
     */
    record Request(Object key, Connect connect, Optional<XmlPciAddress> explicit, Optional<SourcePosition> position,
            boolean placedAgainLast, List<XmlPciAddress> preferred, boolean placedOnlyAgain) {
        Request(Object key, Connect connect, Optional<XmlPciAddress> explicit, Optional<SourcePosition> position,
                boolean placedAgainLast) {
            this(key, connect, explicit, position, placedAgainLast, List.of(), false);
        }

        Request(Object key, Connect connect, Optional<XmlPciAddress> explicit, Optional<SourcePosition> position) {
            this(key, connect, explicit, position, false);
        }

        Request preferring(XmlPciAddress... addresses) {
            return new Request(key, connect, explicit, position, placedAgainLast, List.of(addresses), placedOnlyAgain);
        }

        /** The same device, absent from the first round (the NIC domxml-to-native puts in a host device's place). */
        Request onlyPlacedAgain() {
            return new Request(key, connect, Optional.empty(), position, true, preferred, true);
        }
    }

    /** The outcome: an address per requested device and the PCI controllers to emit, in libvirt's order. */
    record Plan(Map<Object, PciAddress> addresses, List<Device> buses) {
        PciAddress of(Object key) {
            PciAddress address = addresses.get(key);
            if (address == null) {
                throw new IllegalStateException("no PCI address planned for " + key);
            }
            return address;
        }
    }

    /** A PCI controller: written in the XML, or added by libvirt for a bus the devices need. */
    private record Controller(int index, PciControllerModel model, Optional<ResolvedController> xml) {
        String id() {
            return "pci." + index;
        }

        Optional<XmlPciAddress> written() {
            return xml.flatMap(ResolvedController::pciAddress);
        }

        PciTarget target() {
            return xml.map(ResolvedController::pciTarget).orElse(PciTarget.NONE);
        }

        Optional<SourcePosition> position() {
            return xml.flatMap(ResolvedController::position);
        }
    }

    private static final int MAX_INDEX = 255;
    private static final XmlPciAddress DMI_BRIDGE_SLOT = new XmlPciAddress(0, 0, 0x1e, 0, Optional.empty());

    private final MachineFamily family;
    private final Findings findings;
    private final Optional<Request> primaryVideo;
    private final List<Request> requests;
    private final List<Controller> controllers = new ArrayList<>();
    /** Addresses kept from the first round when the interfaces are placed again. */
    private final Map<Object, Slot> fixed = new IdentityHashMap<>();
    private boolean replacingInterfaces;
    /** The PCI controllers' {@code <acpi index>}, by where each is written (the devices' are the caller's). */
    private Map<SourcePosition, Integer> acpiIndexes = Map.of();
    /** Where the address being reserved was written, for a refusal. */
    private Optional<SourcePosition> at = Optional.empty();

    private PciPlanner(MachineFamily family, Findings findings, Optional<Request> primaryVideo, List<Request> requests) {
        this.family = family;
        this.findings = findings;
        this.primaryVideo = primaryVideo;
        this.requests = requests;
    }

    static Plan plan(MachineFamily family, Optional<Request> primaryVideo, List<Request> requests,
            List<ResolvedController> pciControllers, Map<SourcePosition, Integer> acpiIndexes, Findings findings) {
        PciPlanner planner = new PciPlanner(family, findings, primaryVideo, requests);
        planner.acpiIndexes = acpiIndexes;
        Optional<ResolvedController> tooHigh = pciControllers.stream().filter(c -> c.index() > MAX_INDEX).findFirst();
        if (tooHigh.isPresent()) {
            findings.error(RULE_ID, "PCI controller index " + tooHigh.get().index() + " is too high: the last PCI bus is "
                    + MAX_INDEX, tooHigh.get().position());
            return new Plan(Map.of(), List.of());
        }
        pciControllers.stream()
                .filter(c -> c.index() > 0)
                .sorted(Comparator.comparingInt(ResolvedController::index))
                .forEach(c -> PciControllerModel.fromXml(c.model()).filter(model -> !model.isRoot()).ifPresent(model ->
                        planner.controllers.add(new Controller(c.index(), model, Optional.of(c)))));
        try {
            return planner.run();
        } catch (Refused refused) {
            // a bus libvirt adds has no place in the XML: the refusal points at the last device, which no longer fits
            Optional<SourcePosition> where = planner.at.or(() -> requests.stream().map(Request::position)
                    .flatMap(Optional::stream).reduce((first, last) -> last));
            findings.error(RULE_ID, refused.getMessage(), where);
            return new Plan(Map.of(), List.of());
        }
    }

    /**
     * Two rounds: every device as the XML has it, then, as domxml-to-native replaces every interface with
     * a fresh one whose address is gone, the interfaces again with everything else where round one put it:
     * they take the lowest slots left free, and may still make libvirt add a bus.
     */
    private Plan run() throws Refused {
        Map<Object, Slot> slots = assignAll();
        List<Request> again = requests.stream().filter(Request::placedAgainLast).toList();
        if (!again.isEmpty()) {
            fixed.putAll(slots);
            again.forEach(r -> fixed.remove(r.key()));
            replacingInterfaces = true;
            slots = assignAll();
        }
        return plan(slots);
    }

    /** libvirt's dry run, which adds the missing controllers, then the real assignment. */
    private Map<Object, Slot> assignAll() throws Refused {
        int maxIndex = controllers.stream().mapToInt(Controller::index).max().orElse(0);
        PciAddressSet dry = addressSet(true, maxIndex + 1);
        Map<Object, Slot> dryRun = new IdentityHashMap<>();
        collectWritten(dry, dryRun);
        placeChipsetDevices(dry, dryRun);
        if (family == MachineFamily.I440FX && !dry.allFullyReserved()) {
            at = Optional.empty();
            dry.reserveNext(deviceFlags(Connect.PCI)); // libvirt keeps a slot for a later pci-bridge
        }
        placeAll(dry, dryRun);
        if (family == MachineFamily.Q35 && maxIndex <= 0 && dry.size() > maxIndex + 1) {
            at = Optional.empty();
            dry.reserveNext(deviceFlags(Connect.PCIE)); // one spare root port for hotplug
        }
        for (int index = 1; index < dry.size(); index++) {
            int bus = index;
            if (controllers.stream().noneMatch(c -> c.index() == bus)) {
                Controller added = new Controller(index, dry.bus(index).model(), Optional.empty());
                controllers.add(added);
                at = Optional.empty();
                dry.reserveNext(added.model().connectsAs());
            }
        }
        PciAddressSet set = addressSet(false, dry.size());
        Map<Object, Slot> slots = new IdentityHashMap<>();
        collectWritten(set, slots);
        placeChipsetDevices(set, slots);
        placeAll(set, slots);
        return slots;
    }

    private PciAddressSet addressSet(boolean dryRun, int size) {
        PciAddressSet set = new PciAddressSet(dryRun, family == MachineFamily.Q35);
        set.setBus(0, family == MachineFamily.Q35 ? PciControllerModel.PCIE_ROOT : PciControllerModel.PCI_ROOT, false);
        PciControllerModel gap = family == MachineFamily.Q35 ? PciControllerModel.PCIE_ROOT_PORT : PciControllerModel.PCI_BRIDGE;
        for (int index = 1; index < size; index++) {
            set.setBus(index, gap, true);
        }
        for (Controller c : controllers) {
            set.setBus(c.index(), c.model(), c.target().hotplug().orElse(true));
        }
        return set;
    }

    private Set<PciConnect> deviceFlags(Connect connect) {
        if (connect == Connect.INTEGRATED) {
            return EnumSet.of(PciConnect.PCIE_DEVICE, PciConnect.AUTOASSIGN, PciConnect.INTEGRATED);
        }
        return EnumSet.of(connect == Connect.PCIE && family == MachineFamily.Q35 ? PciConnect.PCIE_DEVICE
                : PciConnect.PCI_DEVICE, PciConnect.AUTOASSIGN);
    }

    /** How libvirt reserves the chipset's own slots: as PCIe devices on Q35, as PCI ones on the PIIX3. */
    private Set<PciConnect> chipsetFlags() {
        return family == MachineFamily.Q35 ? EnumSet.of(PciConnect.PCIE_DEVICE)
                : EnumSet.of(PciConnect.PCI_DEVICE, PciConnect.AUTOASSIGN);
    }

    private static Slot slot(XmlPciAddress a) {
        return new Slot(a.bus(), a.slot(), a.function());
    }

    /** The addresses the XML gives, and the chipset's own functions on the root bus. */
    private void collectWritten(PciAddressSet set, Map<Object, Slot> slots) throws Refused {
        if (family == MachineFamily.I440FX) {
            for (int function = 0; function < 4; function++) {
                set.reserve(new Slot(0, 1, function), chipsetFlags(), true); // PIIX3: ISA, IDE, USB, ACPI
            }
        } else {
            for (int function = 0; function < 8; function++) {
                set.reserve(new Slot(0, 0x1f, function), chipsetFlags(), true); // ICH9: LPC, SATA, SMBus
            }
        }
        for (Controller c : controllers) {
            Optional<Slot> placed = Optional.ofNullable(fixed.get(c)).or(() -> c.written().map(PciPlanner::slot));
            if (placed.isPresent()) {
                at = c.position();
                set.reserve(placed.get(), c.model().connectsAs(), true);
                slots.put(c, placed.get());
            }
        }
        List<Request> all = new ArrayList<>();
        primaryVideo.ifPresent(all::add);
        all.addAll(inThisRound());
        for (Request request : all) {
            Optional<Slot> placed = Optional.ofNullable(fixed.get(request.key()))
                    .or(() -> replacingInterfaces && request.placedAgainLast() ? Optional.empty()
                            : request.explicit().map(PciPlanner::slot));
            if (placed.isPresent()) {
                at = request.position();
                set.reserve(placed.get(), deviceFlags(request.connect()), true);
                slots.put(request.key(), placed.get());
            }
        }
    }

    /** Real-hardware slots: Q35's USB2 (00:1d, 00:1a), DMI bridge (00:1e) and audio (00:1b); the first video. */
    private void placeChipsetDevices(PciAddressSet set, Map<Object, Slot> slots) throws Refused {
        for (Request request : inThisRound()) {
            if (!slots.containsKey(request.key())) {
                for (XmlPciAddress preferred : request.preferred()) {
                    if (!set.slotInUse(preferred.bus(), preferred.slot())) {
                        at = request.position();
                        set.reserve(slot(preferred), chipsetFlags(), true);
                        slots.put(request.key(), slot(preferred));
                        break;
                    }
                }
            }
        }
        if (family == MachineFamily.Q35) {
            for (Controller c : controllers) {
                if (c.model() == PciControllerModel.DMI_TO_PCI_BRIDGE && !slots.containsKey(c)
                        && !set.slotInUse(0, DMI_BRIDGE_SLOT.slot())) {
                    at = c.position();
                    set.reserve(slot(DMI_BRIDGE_SLOT), chipsetFlags(), true);
                    slots.put(c, slot(DMI_BRIDGE_SLOT));
                }
            }
        }
        if (primaryVideo.isPresent() && !slots.containsKey(primaryVideo.get().key())) {
            Request video = primaryVideo.get();
            at = video.position();
            Slot usual = new Slot(0, family.firstRootSlot(), 0);
            if (set.slotInUse(0, usual.slot())) {
                slots.put(video.key(), set.reserveNext(deviceFlags(video.connect())));
            } else {
                set.reserve(usual, chipsetFlags(), true);
                slots.put(video.key(), usual);
            }
        }
    }

    /** Controllers first, in the domain's order, then the devices in libvirt's order. */
    private void placeAll(PciAddressSet set, Map<Object, Slot> slots) throws Refused {
        for (Controller c : List.copyOf(controllers)) {
            if (!slots.containsKey(c)) {
                at = c.position();
                slots.put(c, set.reserveNext(c.model().connectsAs()));
            }
        }
        for (Request request : inThisRound()) {
            if (!slots.containsKey(request.key())) {
                at = request.position();
                slots.put(request.key(), set.reserveNext(deviceFlags(request.connect())));
            }
        }
    }

    private List<Request> inThisRound() {
        return replacingInterfaces ? requests : requests.stream().filter(r -> !r.placedOnlyAgain()).toList();
    }

    private String busId(int bus) {
        return bus == 0 ? family.rootBus() : "pci." + bus;
    }

    private Plan plan(Map<Object, Slot> slots) throws Refused {
        Map<Object, PciAddress> addresses = new IdentityHashMap<>();
        Map<Object, Optional<Boolean>> written = new IdentityHashMap<>();
        for (Controller c : controllers) {
            c.written().ifPresent(a -> written.put(c, a.multifunction()));
        }
        List<Request> allRequests = new ArrayList<>(requests);
        primaryVideo.ifPresent(allRequests::add);
        for (Request r : allRequests) {
            if (!r.placedAgainLast()) {
                r.explicit().ifPresent(a -> written.put(r.key(), a.multifunction()));
            }
        }
        // function 0 of a slot with other functions in use is marked multifunction, unless the XML says
        Set<String> shared = new java.util.HashSet<>();
        slots.values().stream().filter(s -> s.function() != 0).forEach(s -> shared.add(s.bus() + "/" + s.slot()));
        slots.forEach((key, s) -> {
            Optional<Boolean> multifunction = written.getOrDefault(key, Optional.empty());
            if (multifunction.isEmpty() && s.function() == 0 && shared.contains(s.bus() + "/" + s.slot())) {
                multifunction = Optional.of(true);
            }
            addresses.put(key, new PciAddress(busId(s.bus()), s.slot(), s.function(), multifunction));
        });
        List<Device> buses = new ArrayList<>();
        int lowestBusNr = controllers.stream().map(c -> c.target().busNr()).filter(OptionalInt::isPresent)
                .mapToInt(OptionalInt::getAsInt).min().orElse(256);
        for (Controller c : controllers) {
            PciAddress address = c.position().map(acpiIndexes::get).map(addresses.get(c)::withAcpiIndex)
                    .orElse(addresses.get(c));
            at = c.position();
            int parentBus = slots.get(c).bus();
            if (c.model() == PciControllerModel.PCI_BRIDGE && c.index() <= parentBus) {
                throw new Refused(String.format("PCI controller at index %d (0x%02x) has bus='0x%02x', but index must"
                        + " be larger than bus", c.index(), c.index(), parentBus));
            }
            PciTarget target = c.target();
            String driver = c.xml().flatMap(ResolvedController::xml).map(x -> x.modelName).map(m -> m.name)
                    .map(String::trim).filter(name -> !name.isEmpty()).orElse(c.model().qemuDriver());
            switch (c.model()) {
                case PCIE_ROOT_PORT -> buses.add(new PciePort(c.id(), driver,
                        target.port().orElse(address.slot() * 8 + address.function()),
                        target.chassis().orElse(c.index()), target.hotplug(), address));
                case PCIE_SWITCH_DOWNSTREAM_PORT -> buses.add(new PciePort(c.id(), driver,
                        target.port().orElse(address.slot()), target.chassis().orElse(c.index()), target.hotplug(), address));
                case PCI_BRIDGE -> buses.add(new PciBridge(c.id(), driver, target.chassisNr().orElse(c.index()), address));
                case PCI_EXPANDER_BUS, PCIE_EXPANDER_BUS -> {
                    int busNr;
                    if (target.busNr().isPresent()) {
                        busNr = target.busNr().getAsInt();
                    } else if (lowestBusNr > 2) {
                        busNr = lowestBusNr - 2;
                        lowestBusNr = busNr;
                    } else {
                        throw new Refused("no free busNr lower than the lowest one in use is left for the "
                                + c.model().xmlName() + " with index='" + c.index() + "': give it a busNr");
                    }
                    buses.add(new PciExpanderBus(c.id(), driver, busNr, target.numaNode(), address));
                }
                default -> buses.add(new PciBridge(c.id(), driver, -1, address));
            }
        }
        return new Plan(addresses, buses);
    }
}
