package dev.domxml.model;

import java.util.Optional;

/**
 * The node that reaches the storage itself: {@code file} for an image, {@code host_device} for a
 * block device, {@code host_cdrom} for a host CD drive.
 */
public record ProtocolNode(
        String nodeName,
        String driver,
        String filename,
        Optional<String> aio,
        Optional<CacheFlags> cache,
        boolean autoReadOnly,
        String discard) implements BlockNode {}
