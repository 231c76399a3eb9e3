package dev.domxml.rules;

import dev.domxml.report.SourcePosition;
import java.util.Map;
import java.util.Optional;

/**
 * A device that does not concern storage (video, input, serial port, balloon) as written, with the
 * sizes libvirt fills in where the XML leaves them out ({@code settings}: for video heads, and vram,
 * ram, vram64 and vgamem in KiB).
 */
public record ResolvedDevice(
        String kind, String model, Optional<String> bus, Optional<SourcePosition> position,
        Optional<XmlPciAddress> pciAddress, Map<String, Long> settings) {

    public ResolvedDevice(String kind, String model, Optional<String> bus, Optional<SourcePosition> position,
            Optional<XmlPciAddress> pciAddress) {
        this(kind, model, bus, position, pciAddress, Map.of());
    }

    public long setting(String name) {
        return settings.getOrDefault(name, 0L);
    }
}
