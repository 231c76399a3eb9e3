package dev.domxml.model;

import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

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
        BackingLink backing) implements BlockNode {

    /** Image formats that can name a backing image (libvirt tells only these what their backing is). */
    private static final Set<String> WITH_BACKING = Set.of("cow", "qcow", "qcow2", "qed", "vmdk");

    public static boolean canHaveBacking(String format) {
        return WITH_BACKING.contains(format);
    }

    /** The same node under another name, on another protocol node. */
    public FormatNode renamed(String newName, String newFile) {
        return new FormatNode(newName, driver, readOnly, discard, detectZeroes, cache, cacheSize, newFile, backing);
    }
}
