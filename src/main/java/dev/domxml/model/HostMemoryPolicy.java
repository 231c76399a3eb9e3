package dev.domxml.model;

import java.util.List;

/** A memory backend's binding to host NUMA nodes: QEMU's {@code host-nodes} and {@code policy}. */
public record HostMemoryPolicy(List<Integer> hostNodes, String policy) {
    public HostMemoryPolicy {
        hostNodes = List.copyOf(hostNodes);
    }
}
