package dev.domxml.model;

import java.util.List;
import java.util.Map;

/**
 * What the domain hands QEMU as written, past libvirt's model ({@code <qemu:commandline>}): arguments
 * appended after the devices, and environment variables QEMU starts with.
 */
public record Passthrough(List<String> args, Map<String, String> env) {
    public static final Passthrough NONE = new Passthrough(List.of(), Map.of());

    public Passthrough {
        args = List.copyOf(args);
        env = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(env));
    }
}
