package dev.domxml.rules;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The PCI buses of a domain while libvirt assigns addresses: what each bus takes, which slot functions
 * are taken. In a dry run a device that finds no free slot makes the set grow by the bus it needs (a
 * pci-bridge, a pcie-root-port, or a pcie-root-port with a pcie-to-pci-bridge behind it); the buses
 * added that way are the controllers libvirt adds to the domain.
 */
final class PciAddressSet {
    /** A slot function: bus index, slot, function. */
    record Slot(int bus, int slot, int function) {
        @Override
        public String toString() {
            return String.format("0000:%02x:%02x.%d", bus, slot, function);
        }
    }

    /** libvirt's refusal of an address, in its own terms. */
    static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;

        Refused(String message) {
            super(message, null, false, false);
        }
    }

    static final class Bus {
        private final PciControllerModel model;
        private Set<PciConnect> accepts;
        private final int[] functions = new int[32];
        private final boolean[] aggregate = new boolean[32];

        Bus(PciControllerModel model, boolean hotplug) {
            this.model = model;
            this.accepts = model.accepts(hotplug);
        }

        PciControllerModel model() {
            return model;
        }

        boolean isFullyReserved() {
            for (int slot = model.minSlot(); slot <= model.maxSlot(); slot++) {
                if (functions[slot] == 0) {
                    return false;
                }
            }
            return true;
        }
    }

    private static final int MAX_BUS = 0xff;

    private final List<Bus> buses = new ArrayList<>();
    private final boolean dryRun;
    private final boolean pcieRoot;

    PciAddressSet(boolean dryRun, boolean pcieRoot) {
        this.dryRun = dryRun;
        this.pcieRoot = pcieRoot;
    }

    void setBus(int index, PciControllerModel model, boolean hotplug) {
        while (buses.size() <= index) {
            buses.add(null);
        }
        buses.set(index, new Bus(model, hotplug));
    }

    int size() {
        return buses.size();
    }

    /** The bus at an index, or null where no controller provides one yet. */
    Bus bus(int index) {
        return index < buses.size() ? buses.get(index) : null;
    }

    boolean slotInUse(int bus, int slot) {
        return bus < buses.size() && buses.get(bus) != null && buses.get(bus).functions[slot] != 0;
    }

    boolean allFullyReserved() {
        return buses.stream().allMatch(b -> b == null || b.isFullyReserved());
    }

    /** Takes an address given in the XML ({@code fromConfig}) or chosen by libvirt. */
    void reserve(Slot slot, Set<PciConnect> device, boolean fromConfig) throws Refused {
        if (dryRun) {
            slot = grow(slot, device);
        }
        validate(slot, device, fromConfig);
        Bus bus = buses.get(slot.bus());
        if ((bus.functions[slot.slot()] & (1 << slot.function())) != 0) {
            throw new Refused("PCI address " + slot + " is used twice");
        }
        if (bus.functions[slot.slot()] == 0 && device.contains(PciConnect.AGGREGATE_SLOT)) {
            bus.aggregate[slot.slot()] = true;
        }
        bus.functions[slot.slot()] |= 1 << slot.function();
    }

    void release(Slot slot) {
        buses.get(slot.bus()).functions[slot.slot()] &= ~(1 << slot.function());
    }

    /** Finds and takes the first free slot (lowest bus, then slot) that fits the device. */
    Slot reserveNext(Set<PciConnect> device) throws Refused {
        Slot slot = next(device);
        reserve(slot, device, false);
        return slot;
    }

    private Slot next(Set<PciConnect> device) throws Refused {
        for (int index = 0; index < buses.size(); index++) {
            Bus bus = buses.get(index);
            if (bus == null || !compatible(index, bus, device, false)) {
                continue;
            }
            for (int slot = bus.model().minSlot(); slot <= bus.model().maxSlot(); slot++) {
                if (bus.functions[slot] == 0) {
                    return new Slot(index, slot, 0);
                }
                if (device.contains(PciConnect.AGGREGATE_SLOT) && bus.aggregate[slot]) {
                    for (int function = 0; function < 8; function++) {
                        if ((bus.functions[slot] & (1 << function)) == 0) {
                            return new Slot(index, slot, function);
                        }
                    }
                }
            }
        }
        if (dryRun) {
            Slot first = new Slot(buses.size(), 0, 0);
            Slot grown = grow(first, device);
            return new Slot(grown.bus(), buses.get(grown.bus()).model().minSlot(), 0);
        }
        throw new Refused("no PCI slot is free for a " + describe(device) + " (libvirt: No more available PCI slots)");
    }

    private static boolean compatible(int index, Bus bus, Set<PciConnect> device, boolean fromConfig) {
        if (device.contains(PciConnect.INTEGRATED)) {
            return index == 0; // the root bus takes it, though it takes no other endpoint placed by libvirt
        }
        Set<PciConnect> accepts = bus.accepts;
        if (!fromConfig && device.contains(PciConnect.AUTOASSIGN) && !accepts.contains(PciConnect.AUTOASSIGN)) {
            return false;
        }
        if (device.contains(PciConnect.HOTPLUGGABLE) && !accepts.contains(PciConnect.HOTPLUGGABLE)) {
            return false;
        }
        // placed by hand, an endpoint (or a pci-bridge) may sit in a PCI slot or a PCIe one alike
        boolean anyEndpoint = fromConfig
                && (accepts.contains(PciConnect.PCI_DEVICE) || accepts.contains(PciConnect.PCIE_DEVICE));
        for (PciConnect kind : device) {
            if (kind.isKind() && (accepts.contains(kind) || anyEndpoint && (kind == PciConnect.PCI_DEVICE
                    || kind == PciConnect.PCIE_DEVICE || kind == PciConnect.PCI_BRIDGE))) {
                return true;
            }
        }
        return false;
    }

    private void validate(Slot slot, Set<PciConnect> device, boolean fromConfig) throws Refused {
        if (slot.bus() >= buses.size() || buses.get(slot.bus()) == null) {
            throw new Refused("invalid PCI address " + slot + ": there is no PCI controller with index='"
                    + slot.bus() + "' (buses go up to " + (buses.size() - 1) + ")");
        }
        Bus bus = buses.get(slot.bus());
        if (device.contains(PciConnect.INTEGRATED) && slot.bus() != 0) {
            throw new Refused("The device at PCI address " + slot + " needs to be an integrated device (bus=0)");
        }
        if (!compatible(slot.bus(), bus, device, fromConfig)) {
            throw new Refused("the device at PCI address " + slot + " cannot be plugged into the PCI controller"
                    + " with index='" + slot.bus() + "' (" + bus.model().xmlName() + "): it needs a controller that"
                    + " accepts a " + describe(device));
        }
        if (slot.slot() < bus.model().minSlot()) {
            throw new Refused("invalid PCI address " + slot + ": slot must be >= " + bus.model().minSlot());
        }
        if (slot.slot() > bus.model().maxSlot()) {
            throw new Refused("invalid PCI address " + slot + ": slot must be <= " + bus.model().maxSlot());
        }
    }

    /**
     * Adds the buses a device needs to sit at {@code slot.bus()}: conventional devices get pci-bridges
     * (on a PCIe-only domain first a pcie-root-port with a pcie-to-pci-bridge, and the device goes one bus
     * further), PCIe devices and switch upstream ports get root ports; other controllers cannot be added.
     */
    private Slot grow(Slot slot, Set<PciConnect> device) throws Refused {
        int add = slot.bus() - buses.size() + 1;
        if (add <= 0) {
            return slot;
        }
        if (slot.bus() > MAX_BUS) {
            throw new Refused("PCI bus " + slot.bus() + " is past the last one a PCI domain has (" + MAX_BUS + ")");
        }
        PciControllerModel model;
        boolean pcieToPciBridge = false;
        if (device.contains(PciConnect.PCI_DEVICE)) {
            model = PciControllerModel.PCI_BRIDGE;
            pcieToPciBridge = pcieRoot
                    && buses.stream().noneMatch(b -> b != null && b.accepts.contains(PciConnect.PCI_BRIDGE));
            if (pcieToPciBridge && add == 1) {
                add++;
                slot = new Slot(slot.bus() + 1, slot.slot(), slot.function());
            }
        } else if (device.contains(PciConnect.PCIE_DEVICE) || device.contains(PciConnect.PCIE_SWITCH_UPSTREAM_PORT)) {
            model = PciControllerModel.PCIE_ROOT_PORT;
        } else {
            throw new Refused("a PCI slot is needed to connect a PCI controller model='" + describe(device)
                    + "', but none is available, and libvirt cannot add one by itself");
        }
        int first = buses.size();
        for (int i = 0; i < add; i++) {
            buses.add(null);
        }
        int index = first;
        if (pcieToPciBridge) {
            // this root port is only for the bridge: the spare hotplug port libvirt adds later is another one
            Bus port = new Bus(PciControllerModel.PCIE_ROOT_PORT, true);
            port.accepts = EnumSet.of(PciConnect.PCIE_TO_PCI_BRIDGE);
            buses.set(index++, port);
            buses.set(index++, new Bus(PciControllerModel.PCIE_TO_PCI_BRIDGE, true));
        }
        for (; index < buses.size(); index++) {
            buses.set(index, new Bus(model, true));
        }
        return slot;
    }

    private static String describe(Set<PciConnect> device) {
        if (device.contains(PciConnect.PCI_DEVICE)) {
            return "standard PCI device";
        }
        if (device.contains(PciConnect.PCIE_DEVICE)) {
            return "PCI Express device";
        }
        for (PciControllerModel model : PciControllerModel.values()) {
            if (!model.connectsAs().isEmpty() && device.containsAll(model.connectsAs())) {
                return model.xmlName();
            }
        }
        return device.toString();
    }
}
