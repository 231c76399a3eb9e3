package dev.domxml.rules;

import dev.domxml.model.CacheFlags;
import java.util.Optional;

/** libvirt's disk cache modes and what each means for QEMU's block nodes and frontend. */
public enum CacheMode {
    NONE("none", true, false, true),
    WRITEBACK("writeback", false, false, true),
    WRITETHROUGH("writethrough", false, false, false),
    DIRECTSYNC("directsync", true, false, false),
    UNSAFE("unsafe", false, true, true);

    private final String xmlName;
    private final boolean direct;
    private final boolean noFlush;
    private final boolean writeCache;

    CacheMode(String xmlName, boolean direct, boolean noFlush, boolean writeCache) {
        this.xmlName = xmlName;
        this.direct = direct;
        this.noFlush = noFlush;
        this.writeCache = writeCache;
    }

    public String xmlName() {
        return xmlName;
    }

    public CacheFlags flags() {
        return new CacheFlags(direct, noFlush);
    }

    public boolean writeCache() {
        return writeCache;
    }

    public static Optional<CacheMode> fromXml(String value) {
        for (CacheMode mode : values()) {
            if (mode.xmlName.equals(value)) {
                return Optional.of(mode);
            }
        }
        return Optional.empty();
    }

    /** The mode whose flags these are (how a raw command line maps back to XML). */
    public static Optional<CacheMode> fromFlags(boolean direct, boolean noFlush, boolean writeCache) {
        for (CacheMode mode : values()) {
            if (mode.direct == direct && mode.noFlush == noFlush && mode.writeCache == writeCache) {
                return Optional.of(mode);
            }
        }
        return Optional.empty();
    }
}
