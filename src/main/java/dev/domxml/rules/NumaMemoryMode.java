package dev.domxml.rules;

import java.util.Optional;

/** {@code <numatune>} modes, and the QEMU memory policy each becomes. */
public enum NumaMemoryMode {
    STRICT("strict", "bind"),
    PREFERRED("preferred", "preferred"),
    INTERLEAVE("interleave", "interleave"),
    /** Bound through cgroups only: QEMU gets no host nodes and keeps its default policy. */
    RESTRICTIVE("restrictive", null);

    private final String xmlName;
    private final String qemuPolicy;

    NumaMemoryMode(String xmlName, String qemuPolicy) {
        this.xmlName = xmlName;
        this.qemuPolicy = qemuPolicy;
    }

    public String xmlName() {
        return xmlName;
    }

    /** The memory backend's {@code policy}, or empty when QEMU is not told the host nodes at all. */
    public Optional<String> qemuPolicy() {
        return Optional.ofNullable(qemuPolicy);
    }

    static Optional<NumaMemoryMode> ofXml(String text) {
        for (NumaMemoryMode mode : values()) {
            if (mode.xmlName.equals(text)) {
                return Optional.of(mode);
            }
        }
        return Optional.empty();
    }
}
