package dev.domxml.rules;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.OptionalInt;
import java.util.TreeMap;

/**
 * USB ports the way libvirt hands them out (domain_addr.c): one tree per USB controller index, each
 * hub a node with eight ports. A device takes the first free port of the first bus, the root's ports
 * before those of the hubs on it, searched depth first.
 */
final class UsbAddressSet {
    static final int HUB_PORTS = 8;
    /** Hubs nest at most this deep: a port is written as up to four numbers, 1.2.3.4. */
    static final int MAX_DEPTH = 4;

    /** A bus and a port path such as 1.2 (port 2 of the hub on root port 1). */
    record UsbAddress(int bus, List<Integer> path) {
        UsbAddress {
            path = List.copyOf(path);
        }

        String port() {
            return String.join(".", path.stream().map(String::valueOf).toList());
        }

        /** libvirt's name for the bus: the controller's alias and its only bus. */
        String busId() {
            return (bus == 0 ? "usb" : "usb" + bus) + ".0";
        }
    }

    /** Why libvirt refuses an address, in its words. */
    static final class Refused extends Exception {
        Refused(String message) {
            super(message);
        }
    }

    private static final class Hub {
        final Hub[] hubs;
        final BitSet used = new BitSet();

        Hub(int ports) {
            hubs = new Hub[ports];
        }
    }

    private final TreeMap<Integer, Hub> buses = new TreeMap<>();

    /** A controller's root hub; one with no ports of its own (an EHCI companion) adds nothing. */
    void addController(int index, int ports) throws Refused {
        if (ports == 0) {
            return;
        }
        if (buses.containsKey(index)) {
            throw new Refused("Duplicate USB controllers with index " + index);
        }
        buses.put(index, new Hub(ports));
    }

    /** Puts a hub on its port, which must be free of other hubs. */
    void addHub(UsbAddress at) throws Refused {
        Target target = find(at);
        if (target.hub.hubs[target.port] != null) {
            throw new Refused("Duplicate USB hub on bus " + at.bus() + " port " + at.port());
        }
        target.hub.used.set(target.port);
        target.hub.hubs[target.port] = new Hub(HUB_PORTS);
    }

    /** Takes a written address, which must name a free port. */
    void reserve(UsbAddress at) throws Refused {
        Target target = find(at);
        if (target.hub.used.get(target.port)) {
            throw new Refused("Duplicate USB address bus " + at.bus() + " port " + at.port());
        }
        target.hub.used.set(target.port);
    }

    /** The first free port, on the bus asked for or else on any. */
    UsbAddress assign(OptionalInt bus) throws Refused {
        if (bus.isPresent()) {
            Hub root = buses.get(bus.getAsInt());
            if (root == null) {
                throw new Refused("USB bus " + bus.getAsInt() + " requested but no controller with that index is present");
            }
            List<Integer> path = freePort(root, 0);
            if (path != null) {
                return take(new UsbAddress(bus.getAsInt(), path));
            }
        } else {
            for (var entry : buses.entrySet()) {
                List<Integer> path = freePort(entry.getValue(), 0);
                if (path != null) {
                    return take(new UsbAddress(entry.getKey(), path));
                }
            }
        }
        throw new Refused("No free USB ports");
    }

    private UsbAddress take(UsbAddress address) throws Refused {
        reserve(address);
        return address;
    }

    private static List<Integer> freePort(Hub hub, int level) {
        int free = hub.used.nextClearBit(0);
        if (free < hub.hubs.length) {
            return new ArrayList<>(List.of(free + 1));
        }
        if (level >= MAX_DEPTH - 1) {
            return null;
        }
        for (int i = 0; i < hub.hubs.length; i++) {
            if (hub.hubs[i] != null) {
                List<Integer> below = freePort(hub.hubs[i], level + 1);
                if (below != null) {
                    below.add(0, i + 1);
                    return below;
                }
            }
        }
        return null;
    }

    private record Target(Hub hub, int port) {}

    private Target find(UsbAddress at) throws Refused {
        Hub hub = buses.get(at.bus());
        if (hub == null) {
            throw new Refused("Missing USB bus " + at.bus());
        }
        List<Integer> path = at.path();
        for (int i = 0; i < path.size() - 1; i++) {
            int port = path.get(i);
            if (port == 0) {
                throw new Refused("there is no hub at port 0 in USB address bus: " + at.bus() + " port: " + at.port());
            }
            if (port > hub.hubs.length) {
                throw new Refused("port " + port + " out of range in USB address bus: " + at.bus() + " port: " + at.port());
            }
            hub = hub.hubs[port - 1];
            if (hub == null) {
                throw new Refused("there is no hub at port " + port + " in USB address bus: " + at.bus() + " port: "
                        + at.port());
            }
        }
        int last = path.get(path.size() - 1);
        if (last > hub.hubs.length) {
            throw new Refused("requested USB port " + at.port() + " not present on USB bus " + at.bus());
        }
        return new Target(hub, last - 1);
    }

    /**
     * A written {@code port} as libvirt reads it: up to four dot-separated numbers; empty when the first
     * is 0, which libvirt takes as no port at all.
     */
    static java.util.Optional<List<Integer>> parsePort(String text) throws Refused {
        List<Integer> path = new ArrayList<>();
        for (String part : text.split("\\.", -1)) {
            if (path.size() == MAX_DEPTH || !part.matches("\\d{1,9}")) {
                throw new Refused("Cannot parse <address> 'port' attribute");
            }
            path.add(Integer.parseInt(part));
        }
        // trailing zeros are unused levels; a zero before a non-zero one is a port libvirt cannot find
        while (path.size() > 1 && path.get(path.size() - 1) == 0) {
            path.remove(path.size() - 1);
        }
        return path.get(0) == 0 ? java.util.Optional.empty() : java.util.Optional.of(path);
    }
}
