package dev.domxml.rules;

import dev.domxml.report.SourcePosition;
import java.util.Optional;

/** A device that does not concern storage (video, input, serial port, balloon) as written. */
public record ResolvedDevice(
        String kind, String model, Optional<String> bus, Optional<SourcePosition> position,
        Optional<XmlPciAddress> pciAddress) {}
