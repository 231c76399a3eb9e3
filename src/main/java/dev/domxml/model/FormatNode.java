package dev.domxml.model;

import java.util.Optional;
import java.util.OptionalLong;

/**
 * The node that interprets the image format ({@code raw}, {@code qcow2}) on top of a protocol node.
 * {@code cacheSize} is qcow2's metadata cache limit in bytes.
 */
public record FormatNode(
        String nodeName,
        String driver,
        boolean readOnly,
        Optional<String> discard,
        Optional<String> detectZeroes,
        Optional<CacheFlags> cache,
        OptionalLong cacheSize,
        String file,
        boolean noBacking) implements BlockNode {

    /** The same node under another name, on another protocol node. */
    public FormatNode renamed(String newName, String newFile) {
        return new FormatNode(newName, driver, readOnly, discard, detectZeroes, cache, cacheSize, newFile, noBacking);
    }
}
