package dev.domxml.rules;

import dev.domxml.model.VirtioOptions;
import dev.domxml.report.SourcePosition;
import java.util.Map;
import java.util.Optional;

/**
 * A device that does not concern storage (video, input, serial port, sound card, rng, ...) as written,
 * with libvirt's defaults filled in: {@code settings} holds numbers (for video heads, and vram, ram, vram64
 * and vgamem in KiB), {@code values} text (a filesystem's source, a channel's name, a watchdog's action).
 */
public record ResolvedDevice(
        String kind, String model, Optional<String> bus, Optional<SourcePosition> position,
        Optional<XmlPciAddress> pciAddress, Map<String, Long> settings, Map<String, String> values,
        VirtioOptions virtio) {

    public ResolvedDevice(String kind, String model, Optional<String> bus, Optional<SourcePosition> position,
            Optional<XmlPciAddress> pciAddress, Map<String, Long> settings, Map<String, String> values) {
        this(kind, model, bus, position, pciAddress, settings, values, VirtioOptions.NONE);
    }

    public ResolvedDevice(String kind, String model, Optional<String> bus, Optional<SourcePosition> position,
            Optional<XmlPciAddress> pciAddress, Map<String, Long> settings) {
        this(kind, model, bus, position, pciAddress, settings, Map.of());
    }

    public ResolvedDevice(String kind, String model, Optional<String> bus, Optional<SourcePosition> position,
            Optional<XmlPciAddress> pciAddress) {
        this(kind, model, bus, position, pciAddress, Map.of(), Map.of());
    }

    /** The same device with the virtio transport options of its {@code <driver>}. */
    public ResolvedDevice withVirtio(VirtioOptions options) {
        return new ResolvedDevice(kind, model, bus, position, pciAddress, settings, values, options);
    }

    public long setting(String name) {
        return settings.getOrDefault(name, 0L);
    }

    public Optional<String> value(String name) {
        return Optional.ofNullable(values.get(name));
    }

    public boolean is(String deviceKind) {
        return kind.equals(deviceKind);
    }
}
