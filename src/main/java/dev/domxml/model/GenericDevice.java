package dev.domxml.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A device whose details do not matter to storage or iothreads (video, input, serial ports, sound cards,
 * rngs, ...): its QEMU properties in libvirt's order, where it sits on PCI if it does, the options that
 * back it ({@code -chardev ...}, {@code -object rng-random ...}), written just before it, and the few
 * written just after it ({@code -watchdog-action}).
 */
public record GenericDevice(
        Kind kind, String id, String driver, Map<String, Object> properties, Optional<PciAddress> address,
        List<Backend> backends, List<Backend> followers) implements Device {

    /** What the device is for; the command line groups devices by it. */
    public enum Kind {
        IOMMU, CONTROLLER, MEMORY, HUB, FILESYSTEM, SMARTCARD, SERIAL, PARALLEL, CHANNEL, CONSOLE, INPUT, VIDEO, SOUND, WATCHDOG, REDIRDEV,
        HOSTDEV, RNG,
        VMCOREINFO, PANIC, SHMEM, VSOCK;

        /** Whether libvirt writes these after the audio backend and the display options. */
        public boolean afterDisplay() {
            return compareTo(VIDEO) >= 0;
        }
    }

    /** The driver of an entry that is only its backends, with no {@code -device} (a guestfwd channel, an evdev input). */
    public static final String NO_DEVICE = "";

    public GenericDevice {
        properties = Collections.unmodifiableMap(new LinkedHashMap<>(properties));
        backends = List.copyOf(backends);
        followers = List.copyOf(followers);
    }

    public GenericDevice(Kind kind, String id, String driver, Map<String, Object> properties,
            Optional<PciAddress> address, List<Backend> backends) {
        this(kind, id, driver, properties, address, backends, List.of());
    }

    /** A device that QEMU makes from an {@code -object} alone (an evdev input), with no {@code -device}. */
    public static GenericDevice objectOnly(Kind kind, String id, Map<String, Object> object) {
        return new GenericDevice(kind, id, NO_DEVICE, Map.of(), Optional.empty(), List.of(Backend.object(object)));
    }

    /**
     * An option that backs a device: text such as {@code -chardev pty,id=charserial0}, or an object's
     * properties ({@code -object}), which each command-line style spells its own way.
     */
    public record Backend(String option, String value, Map<String, Object> properties) {
        public Backend {
            properties = Collections.unmodifiableMap(new LinkedHashMap<>(properties));
        }

        public Backend(String option, String value) {
            this(option, value, Map.of());
        }

        /** An {@code -object} given by its properties, {@code qom-type} first. */
        public static Backend object(Map<String, Object> properties) {
            return new Backend("-object", "", properties);
        }

        public boolean structured() {
            return !properties.isEmpty();
        }
    }

    /**
     * A number as a property value: an Integer where it fits, else a Long, which is how JSON reads it
     * back, so that a model built from XML and one read from a command line compare equal.
     */
    public static Number number(long value) {
        if (value == (int) value) {
            return Integer.valueOf((int) value); // not ?: which would widen both sides to Long
        }
        return Long.valueOf(value);
    }

    /** The PC speaker, which libvirt 9.0 still writes as {@code -soundhw pcspk} rather than a -device. */
    public boolean isPcSpeaker() {
        return kind == Kind.SOUND && driver.equals("pcspk");
    }

    /** Whether QEMU gets a {@code -device} for it, not only its backends. */
    public boolean hasDevice() {
        return !driver.equals(NO_DEVICE);
    }

    @Override
    public Optional<PciAddress> pciAddress() {
        return address;
    }
}
