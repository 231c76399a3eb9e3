package dev.domxml.model;

import java.util.Optional;

/** The node that interprets the image format ({@code raw}, {@code qcow2}) on top of a protocol node. */
public record FormatNode(
        String nodeName,
        String driver,
        boolean readOnly,
        Optional<String> discard,
        Optional<String> detectZeroes,
        Optional<CacheFlags> cache,
        String file) implements BlockNode {}
