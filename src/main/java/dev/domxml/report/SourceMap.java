package dev.domxml.report;

import java.util.Map;
import java.util.Optional;

/**
 * Where the objects of a model came from, by their QEMU id ({@code scsi0}, {@code virtio-disk1},
 * {@code iothread2}), so that a rule looking at the model can point at what the user wrote.
 */
public record SourceMap(String file, Map<String, SourcePosition> byId) {
    public SourceMap {
        byId = Map.copyOf(byId);
    }

    public Optional<SourcePosition> of(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    /** The object's position, else the file itself. */
    public Optional<SourcePosition> orFile(String id) {
        return Optional.of(byId.getOrDefault(id, SourcePosition.ofFile(file)));
    }
}
