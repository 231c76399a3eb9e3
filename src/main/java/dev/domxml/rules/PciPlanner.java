package dev.domxml.rules;

import dev.domxml.model.Device;
import dev.domxml.model.MachineFamily;
import dev.domxml.model.PciAddress;
import dev.domxml.model.PciBridge;
import dev.domxml.model.PcieRootPort;
import dev.domxml.report.SourcePosition;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * libvirt's PCI address assignment. On i440FX every device takes the lowest free slot of pci.0 from
 * 0x2 on. On Q35 every PCIe device gets a pcie-root-port of its own, conventional PCI devices share a
 * pcie-pci-bridge, and libvirt adds the ports and the bridge it needs (plus one spare port for
 * hotplug) in a dry run first, then places the buses and finally the devices, all in its own order.
 */
final class PciPlanner {
    static final String RULE_ID = "pci-address";

    /** How a device plugs in: conventional PCI, or PCI Express (gets a root port on Q35). */
    enum Connect { PCI, PCIE }

    /**
     * One device that needs a PCI address, in libvirt's assignment order. {@code preferred} is where a
     * chipset device sits on real hardware (Q35's USB2 at 00:1d or 00:1a, its audio at 00:1b): the first of
     * those slots that is free, else the device is placed like any other.
     */
    record Request(Object key, Connect connect, Optional<XmlPciAddress> explicit, Optional<SourcePosition> position,
            boolean placedAgainLast, List<XmlPciAddress> preferred) {
        Request(Object key, Connect connect, Optional<XmlPciAddress> explicit, Optional<SourcePosition> position,
                boolean placedAgainLast) {
            this(key, connect, explicit, position, placedAgainLast, List.of());
        }

        Request(Object key, Connect connect, Optional<XmlPciAddress> explicit, Optional<SourcePosition> position) {
            this(key, connect, explicit, position, false);
        }

        Request preferring(XmlPciAddress... addresses) {
            return new Request(key, connect, explicit, position, placedAgainLast, List.of(addresses));
        }
    }

    /** The outcome: an address per requested device and the PCI controllers to emit, by index. */
    record Plan(Map<Object, PciAddress> addresses, List<Device> buses) {
        PciAddress of(Object key) {
            PciAddress address = addresses.get(key);
            if (address == null) {
                throw new IllegalStateException("no PCI address planned for " + key);
            }
            return address;
        }
    }

    private record Bus(int index, String model, Optional<ResolvedController> xml) {
        String id() {
            return "pci." + index;
        }
    }

    private final MachineFamily family;
    private final Findings findings;
    private final Map<Object, PciAddress> addresses = new IdentityHashMap<>();
    /** Used slot.function pairs per bus id. */
    private final Map<String, Set<Integer>> used = new TreeMap<>();

    private PciPlanner(MachineFamily family, Findings findings) {
        this.family = family;
        this.findings = findings;
    }

    static Plan plan(MachineFamily family, Optional<Request> primaryVideo, List<Request> requests,
            List<ResolvedController> pciControllers, Findings findings) {
        return new PciPlanner(family, findings).run(primaryVideo, requests, pciControllers);
    }

    private Plan run(Optional<Request> primaryVideo, List<Request> writtenOrder, List<ResolvedController> pciControllers) {
        List<Request> requests = new ArrayList<>(writtenOrder);
        String root = family.rootBus();
        if (family == MachineFamily.I440FX) {
            reserve(root, 1, 0); // the PIIX3: ISA bridge, IDE, USB, power management
            reserve(root, 1, 1);
            reserve(root, 1, 2);
            reserve(root, 1, 3);
        } else {
            reserve(root, 0, 0); // the host bridge
            for (int function = 0; function < 8; function++) {
                reserve(root, 0x1f, function); // ICH9: LPC, SATA, SMBus
            }
        }
        TreeMap<Integer, Bus> buses = new TreeMap<>();
        for (ResolvedController c : pciControllers) {
            if (c.index() > 0) {
                buses.put(c.index(), new Bus(c.index(), c.model(), Optional.of(c)));
            }
        }
        List<Request> all = new ArrayList<>();
        primaryVideo.ifPresent(all::add);
        all.addAll(requests);
        for (Request request : all) {
            request.explicit().ifPresent(address -> {
                String bus = busId(address.bus());
                if (!reserve(bus, address.slot(), address.function())) {
                    findings.error(RULE_ID, String.format("PCI address 0000:%02x:%02x.%x is used twice",
                            address.bus(), address.slot(), address.function()), request.position());
                }
                addresses.put(request.key(), new PciAddress(bus, address.slot(), address.function(),
                        address.multifunction()));
            });
        }
        primaryVideo.filter(v -> v.explicit().isEmpty()).ifPresent(video -> {
            int slot = family.firstRootSlot();
            if (reserve(root, slot, 0)) {
                addresses.put(video.key(), PciAddress.of(root, slot, 0));
            } else {
                requests.add(0, video);
            }
        });
        for (ResolvedController c : pciControllers) {
            c.pciAddress().ifPresent(a -> {
                reserve(busId(a.bus()), a.slot(), a.function());
                if (c.model().equals("pcie-root-port") && busId(a.bus()).equals(root)) {
                    rootPortSlot.add(a.slot()); // libvirt fills a root-port slot's free functions with more of them
                }
            });
        }
        for (Request request : requests) {
            if (request.explicit().isPresent()) {
                continue;
            }
            for (XmlPciAddress a : request.preferred()) {
                String bus = busId(a.bus());
                if (!slotInUse(bus, a.slot()) && reserve(bus, a.slot(), a.function())) {
                    addresses.put(request.key(), new PciAddress(bus, a.slot(), a.function(), a.multifunction()));
                    break;
                }
            }
        }
        if (family == MachineFamily.Q35) {
            addMissingBuses(requests, buses);
        } else {
            addMissingBridges(requests, buses);
        }
        List<Device> busDevices = placeBuses(buses);
        for (Request request : requests) {
            if (request.explicit().isEmpty() && !addresses.containsKey(request.key())) {
                placeDevice(request, buses).ifPresent(a -> addresses.put(request.key(), a));
            }
        }
        // domxml-to-native replaces every interface with a fresh one after addresses were assigned,
        // so interfaces end up in the lowest slots left free, whatever address they were given.
        List<Request> again = requests.stream().filter(Request::placedAgainLast).toList();
        for (Request request : again) {
            PciAddress old = addresses.remove(request.key());
            if (old != null) {
                used.get(old.bus()).remove(old.slot() * 8 + old.function());
            }
        }
        for (Request request : again) {
            placeDevice(request, buses).ifPresent(a -> addresses.put(request.key(), a));
        }
        return new Plan(addresses, busDevices);
    }

    private String busId(int bus) {
        return bus == 0 ? family.rootBus() : "pci." + bus;
    }

    private boolean reserve(String bus, int slot, int function) {
        return used.computeIfAbsent(bus, b -> new HashSet<>()).add(slot * 8 + function);
    }

    private boolean slotInUse(String bus, int slot) {
        return java.util.stream.IntStream.range(0, 8).anyMatch(f -> !isFree(bus, slot, f));
    }

    private boolean isFree(String bus, int slot, int function) {
        return !used.getOrDefault(bus, Set.of()).contains(slot * 8 + function);
    }

    /** The dry run: how many root ports and bridges the devices without an address need. */
    private void addMissingBuses(List<Request> requests, TreeMap<Integer, Bus> buses) {
        int freeRootPorts = (int) buses.values().stream()
                .filter(b -> b.model().equals("pcie-root-port") && isFree(b.id(), 0, 0)).count();
        int freeBridgeSlots = buses.values().stream()
                .filter(b -> isConventionalBridge(b.model()))
                .mapToInt(b -> (int) java.util.stream.IntStream.rangeClosed(1, 31).filter(s -> isFree(b.id(), s, 0)).count())
                .sum();
        int next = buses.isEmpty() ? 1 : buses.lastKey() + 1;
        List<Connect> needs = new ArrayList<>();
        requests.stream().filter(r -> !addresses.containsKey(r.key())).forEach(r -> needs.add(r.connect()));
        boolean rootPortsWritten = buses.values().stream()
                .anyMatch(b -> b.model().equals("pcie-root-port") && b.xml().isPresent());
        if (!rootPortsWritten && !needs.isEmpty()) {
            // libvirt keeps one root port free for hotplug when it adds buses, unless the XML places ports itself
            needs.add(Connect.PCIE);
        }
        for (Connect need : needs) {
            if (need == Connect.PCIE) {
                if (freeRootPorts > 0) {
                    freeRootPorts--;
                } else {
                    buses.put(next, new Bus(next, "pcie-root-port", Optional.empty()));
                    next++;
                }
            } else if (freeBridgeSlots > 0) {
                freeBridgeSlots--;
            } else {
                if (freeRootPorts > 0) {
                    freeRootPorts--;
                } else {
                    buses.put(next, new Bus(next, "pcie-root-port", Optional.empty()));
                    next++;
                }
                buses.put(next, new Bus(next, "pcie-to-pci-bridge", Optional.empty()));
                next++;
                freeBridgeSlots = 30;
            }
        }
    }

    /**
     * The i440FX dry run: when the devices without an address, plus one slot libvirt keeps for a later
     * bridge, do not fit the free slots of pci.0 and of the written bridges, pci-bridges are added, 31
     * slots each. Like libvirt, the count forgets the slot each new bridge takes on pci.0, so a domain
     * just past a bridge's worth of devices is refused later, when the last device finds no slot.
     */
    private void addMissingBridges(List<Request> requests, TreeMap<Integer, Bus> buses) {
        long needed = requests.stream().filter(r -> !addresses.containsKey(r.key())).count() + 1;
        int free = freeSlots(family.rootBus(), family.firstRootSlot());
        for (Bus bus : buses.values()) {
            if (isConventionalBridge(bus.model())) {
                free += freeSlots(bus.id(), 1);
            }
        }
        int next = buses.isEmpty() ? 1 : buses.lastKey() + 1;
        while (needed > free && next < 256) {
            buses.put(next, new Bus(next, "pci-bridge", Optional.empty()));
            next++;
            free += 31;
        }
    }

    private int freeSlots(String bus, int firstSlot) {
        int free = 0;
        for (int slot = firstSlot; slot < 32; slot++) {
            if (!slotInUse(bus, slot)) {
                free++;
            }
        }
        return free;
    }

    private static boolean isConventionalBridge(String model) {
        return model.equals("pcie-to-pci-bridge") || model.equals("pci-bridge");
    }

    /** Buses get their own addresses first, in index order; then the devices go onto them. */
    private List<Device> placeBuses(TreeMap<Integer, Bus> buses) {
        List<Device> devices = new ArrayList<>();
        Map<String, List<int[]>> rootPortSlots = new TreeMap<>();
        for (Bus bus : buses.values()) {
            Optional<XmlPciAddress> written = bus.xml().flatMap(ResolvedController::pciAddress);
            PciAddress address;
            if (written.isPresent()) {
                XmlPciAddress a = written.get();
                address = new PciAddress(busId(a.bus()), a.slot(), a.function(), a.multifunction());
            } else if (bus.model().equals("pcie-root-port")) {
                Optional<PciAddress> slot = nextRootPortAddress();
                if (slot.isEmpty()) {
                    findings.error(RULE_ID, "no free slot left on pcie.0 for pcie-root-port " + bus.id()
                            + ", which libvirt would have to add (it refuses: none is available)", Optional.empty());
                    continue;
                }
                address = slot.get();
            } else if (bus.model().equals("pcie-to-pci-bridge")) {
                Optional<PciAddress> port = firstFreeRootPort(buses);
                if (port.isEmpty()) {
                    findings.error(RULE_ID, "no free pcie-root-port for the pcie-to-pci-bridge", Optional.empty());
                    continue;
                }
                address = port.get();
                reserve(address.bus(), 0, 0);
            } else {
                Optional<PciAddress> slot = nextSlot(family.rootBus(), 1);
                if (slot.isEmpty()) {
                    findings.error(RULE_ID, "no free PCI slot for " + bus.id(), Optional.empty());
                    continue;
                }
                address = slot.get();
            }
            addresses.put(bus, address);
            switch (bus.model()) {
                case "pcie-root-port" -> {
                    int chassis = bus.xml().flatMap(c -> boxed(c.chassis())).orElse(bus.index());
                    int port = bus.xml().flatMap(c -> boxed(c.port())).orElse(address.slot() * 8 + address.function());
                    String driver = bus.xml().flatMap(ResolvedController::xml).map(c -> c.modelName)
                            .map(m -> m.name).filter(name -> name != null && !name.isBlank()).orElse("pcie-root-port");
                    devices.add(new PcieRootPort(bus.id(), driver.trim(), port, chassis, address));
                    boolean off = written.flatMap(XmlPciAddress::multifunction).filter(on -> !on).isPresent();
                    rootPortSlots.computeIfAbsent(address.bus() + "/" + address.slot(), k -> new ArrayList<>())
                            .add(new int[] {devices.size() - 1, off ? 1 : 0});
                }
                case "pcie-to-pci-bridge" -> devices.add(new PciBridge(bus.id(), "pcie-pci-bridge", -1, address));
                case "pci-bridge" -> devices.add(new PciBridge(bus.id(), "pci-bridge",
                        bus.xml().flatMap(c -> boxed(c.chassis())).orElse(bus.index()), address));
                default -> findings.error(RULE_ID, "PCI controller model '" + bus.model() + "' is not supported",
                        bus.xml().flatMap(ResolvedController::position));
            }
        }
        // Function 0 of a slot shared by several root ports is marked multifunction, as libvirt does,
        // unless the XML says multifunction='off'.
        for (List<int[]> group : rootPortSlots.values()) {
            if (group.size() > 1) {
                int first = group.get(0)[0];
                PcieRootPort port = (PcieRootPort) devices.get(first);
                PciAddress a = port.address();
                if (a.function() == 0 && group.get(0)[1] == 0) {
                    devices.set(first, new PcieRootPort(port.id(), port.driver(), port.port(), port.chassis(),
                            new PciAddress(a.bus(), a.slot(), 0, Optional.of(true))));
                }
            }
        }
        return devices;
    }

    private static Optional<Integer> boxed(java.util.OptionalInt value) {
        return value.isPresent() ? Optional.of(value.getAsInt()) : Optional.empty();
    }

    /** Root ports fill the functions of one pcie.0 slot before moving to the next; empty when it is full. */
    private Optional<PciAddress> nextRootPortAddress() {
        String root = family.rootBus();
        for (int slot = family.firstRootSlot(); slot <= family.lastRootSlot(); slot++) {
            boolean slotTakenByOther = !isFree(root, slot, 0) && !rootPortSlot.contains(slot);
            if (slotTakenByOther) {
                continue;
            }
            for (int function = 0; function < 8; function++) {
                if (isFree(root, slot, function)) {
                    reserve(root, slot, function);
                    rootPortSlot.add(slot);
                    return Optional.of(new PciAddress(root, slot, function, Optional.empty()));
                }
            }
        }
        return Optional.empty();
    }

    private final Set<Integer> rootPortSlot = new HashSet<>();

    private Optional<PciAddress> firstFreeRootPort(TreeMap<Integer, Bus> buses) {
        for (Bus bus : buses.values()) {
            if (bus.model().equals("pcie-root-port") && isFree(bus.id(), 0, 0)) {
                return Optional.of(PciAddress.of(bus.id(), 0, 0));
            }
        }
        return Optional.empty();
    }

    private Optional<PciAddress> nextSlot(String bus, int firstSlot) {
        for (int slot = firstSlot; slot < 32; slot++) {
            if (!slotInUse(bus, slot)) {
                reserve(bus, slot, 0);
                return Optional.of(PciAddress.of(bus, slot, 0));
            }
        }
        return Optional.empty();
    }

    private Optional<PciAddress> placeDevice(Request request, TreeMap<Integer, Bus> buses) {
        if (family == MachineFamily.I440FX) {
            Optional<PciAddress> slot = nextSlot(family.rootBus(), family.firstRootSlot());
            for (Bus bus : buses.values()) {
                if (slot.isEmpty() && isConventionalBridge(bus.model())) {
                    slot = nextSlot(bus.id(), 1);
                }
            }
            if (slot.isEmpty()) {
                findings.error(RULE_ID, "no free PCI slot left on pci.0 or its bridges (libvirt refuses too: its count of the pci-bridges to add"
                        + " leaves out the slots the bridges take)", request.position());
            }
            return slot;
        }
        if (request.connect() == Connect.PCIE) {
            Optional<PciAddress> port = firstFreeRootPort(buses);
            port.ifPresent(p -> reserve(p.bus(), 0, 0));
            if (port.isEmpty()) {
                findings.error(RULE_ID, "no free pcie-root-port left for a PCIe device", request.position());
            }
            return port;
        }
        for (Bus bus : buses.values()) {
            if (isConventionalBridge(bus.model())) {
                Optional<PciAddress> slot = nextSlot(bus.id(), 1);
                if (slot.isPresent()) {
                    return slot;
                }
            }
        }
        findings.error(RULE_ID, "no free slot on a pcie-to-pci-bridge for a conventional PCI device",
                request.position());
        return Optional.empty();
    }
}
