package dev.domxml.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A device whose details do not matter to storage or iothreads (video, input, serial ports): its QEMU
 * properties in libvirt's order, where it sits on PCI if it does, and the backend options
 * ({@code -chardev ...}) written just before it.
 */
public record GenericDevice(
        Kind kind, String id, String driver, Map<String, Object> properties, Optional<PciAddress> address,
        List<Backend> backends) implements Device {

    /** What the device is for; the command line groups devices by it. */
    public enum Kind { CONTROLLER, SERIAL, INPUT, VIDEO }

    public GenericDevice {
        properties = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(properties));
        backends = List.copyOf(backends);
    }

    /** An option that backs a device, such as {@code -chardev pty,id=charserial0}. */
    public record Backend(String option, String value) {}

    @Override
    public Optional<PciAddress> pciAddress() {
        return address;
    }
}
