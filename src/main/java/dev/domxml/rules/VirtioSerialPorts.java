package dev.domxml.rules;

import java.util.BitSet;
import java.util.Map;
import java.util.TreeMap;

/**
 * Ports of the virtio-serial controllers as libvirt hands them out (domain_addr.c): written ports are
 * reserved first; a virtio console takes the first free port from 0, a channel from 1, on the first
 * controller (by index) with one free, and when none has, libvirt adds a controller at the lowest
 * index not in use.
 */
final class VirtioSerialPorts {
    /** QEMU's max_ports when the controller does not say. */
    static final int DEFAULT_PORTS = 31;

    /** Why libvirt refuses a port, in its words. */
    static final class Refused extends Exception {
        Refused(String message) {
            super(message);
        }
    }

    /** A controller index and a port on it. */
    record Port(int controller, int port) {}

    private record Controller(int size, BitSet used) {}

    private final TreeMap<Integer, Controller> controllers = new TreeMap<>();
    private final Map<Integer, Integer> added = new TreeMap<>();

    void addController(int index, int ports) {
        controllers.put(index, new Controller(ports, new BitSet()));
    }

    void reserve(Port at) throws Refused {
        Controller controller = controllers.get(at.controller());
        if (controller == null) {
            throw new Refused("virtio serial controller " + at.controller() + " is missing");
        }
        if (at.port() >= controller.size()) {
            throw new Refused("virtio serial controller " + at.controller() + " does not have port " + at.port());
        }
        if (controller.used().get(at.port())) {
            throw new Refused("virtio serial port " + at.port() + " on controller " + at.controller()
                    + " is already occupied");
        }
        controller.used().set(at.port());
    }

    /** The first free port on any controller (from 0 when {@code allowZero}), adding a controller if needed. */
    Port next(boolean allowZero) throws Refused {
        int first = allowZero ? 0 : 1;
        for (var entry : controllers.entrySet()) {
            int port = entry.getValue().used().nextClearBit(first);
            if (port < entry.getValue().size()) {
                return take(new Port(entry.getKey(), port));
            }
        }
        int index = 0;
        while (controllers.containsKey(index)) {
            index++;
        }
        addController(index, DEFAULT_PORTS);
        added.put(index, index);
        return take(new Port(index, first));
    }

    /** The first free port from 1 on one controller. */
    Port nextOn(int index) throws Refused {
        Controller controller = controllers.get(index);
        if (controller == null) {
            throw new Refused("virtio-serial controller " + index + " not available");
        }
        int port = controller.used().nextClearBit(1);
        if (port >= controller.size()) {
            throw new Refused("Unable to find a free port on virtio-serial controller " + index);
        }
        return take(new Port(index, port));
    }

    /** Controllers {@link #next} had to add, by index. */
    Iterable<Integer> addedControllers() {
        return added.keySet();
    }

    private Port take(Port port) throws Refused {
        reserve(port);
        return port;
    }
}
