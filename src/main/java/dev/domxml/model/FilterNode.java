package dev.domxml.model;

/**
 * A filter node above a disk's format node, such as {@code copy-on-read}: the device reads through it,
 * and it passes requests on to {@code file}.
 */
public record FilterNode(String nodeName, String driver, String file, String discard) implements BlockNode {}
