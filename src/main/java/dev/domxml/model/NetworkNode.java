package dev.domxml.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A storage node whose driver finds the image by properties of its own: over the network ({@code nbd},
 * {@code http}, {@code iscsi}, {@code rbd}, ...), or {@code vvfat}, a FAT image QEMU makes up from a host
 * directory. The driver and where to find the image, as that driver's QEMU properties ({@code server},
 * {@code export}, {@code url}, {@code dir}, ...) in libvirt's order, nested values as maps and lists.
 */
public record NetworkNode(
        String nodeName,
        String driver,
        Map<String, Object> location,
        Optional<CacheFlags> cache,
        boolean autoReadOnly,
        String discard) implements BlockNode {

    public NetworkNode {
        location = Collections.unmodifiableMap(new LinkedHashMap<>(location));
    }

    public NetworkNode renamed(String newName) {
        return new NetworkNode(newName, driver, location, cache, autoReadOnly, discard);
    }
}
