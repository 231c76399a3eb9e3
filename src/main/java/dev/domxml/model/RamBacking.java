package dev.domxml.model;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What holds a memory backend's RAM: anonymous memory ({@code memory-backend-ram}), a file
 * ({@code memory-backend-file}, with {@code mem-path} and, when written, {@code discard-data}) or a memfd
 * ({@code memory-backend-memfd}); whether it is shared with other processes ({@code share}, when written),
 * and whether it is allocated at start ({@code prealloc}) by how many threads ({@code prealloc-threads}).
 */
public record RamBacking(Kind kind, Optional<String> path, Optional<Boolean> discard, Optional<Boolean> share,
        boolean prealloc, OptionalInt preallocThreads) {

    public static final RamBacking PLAIN = new RamBacking(Kind.RAM, Optional.empty(), Optional.empty(), Optional.empty(),
            false, OptionalInt.empty());

    public enum Kind {
        RAM("memory-backend-ram"), FILE("memory-backend-file"), MEMFD("memory-backend-memfd");

        private final String qomType;

        Kind(String qomType) {
            this.qomType = qomType;
        }

        public String qomType() {
            return qomType;
        }

        public static Optional<Kind> ofQomType(String type) {
            for (Kind kind : values()) {
                if (kind.qomType.equals(type)) {
                    return Optional.of(kind);
                }
            }
            return Optional.empty();
        }
    }

    /**
     * The backend's properties up to its size, in libvirt's order. RAM for all of the guest's memory in a
     * file or memfd ({@code systemMemory}) keeps the RAM block id QEMU gave it before memory backends
     * ({@code x-use-canonical-path-for-ramblock-id=false}), as libvirt asks for migration's sake.
     */
    public Map<String, Object> properties(String id, boolean systemMemory) {
        Map<String, Object> backend = new LinkedHashMap<>();
        backend.put("qom-type", kind.qomType());
        backend.put("id", id);
        path.ifPresent(p -> backend.put("mem-path", p));
        discard.ifPresent(d -> backend.put("discard-data", d));
        share.ifPresent(s -> backend.put("share", s));
        if (systemMemory && kind != Kind.RAM) {
            backend.put("x-use-canonical-path-for-ramblock-id", false);
        }
        if (prealloc) {
            backend.put("prealloc", true);
        }
        preallocThreads.ifPresent(t -> backend.put("prealloc-threads", t));
        return backend;
    }
}
