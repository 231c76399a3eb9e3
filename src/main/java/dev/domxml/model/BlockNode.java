package dev.domxml.model;

/** One node of a {@code -blockdev} graph. */
public sealed interface BlockNode permits ProtocolNode, NetworkNode, FormatNode, FilterNode {
    String nodeName();
}
