package dev.domxml.model;

import java.util.List;
import java.util.Optional;

/**
 * A disk as QEMU builds it: block nodes from the storage up (empty for an empty CD-ROM drive) and the
 * frontend device on top. {@code legacyDriveId} is the {@code -drive} id the legacy form uses.
 */
public record DiskDevice(String targetDev, List<BlockNode> nodes, DiskFrontend frontend) implements Device {
    public DiskDevice {
        nodes = List.copyOf(nodes);
    }

    @Override
    public String id() {
        return frontend.id();
    }

    public Optional<ProtocolNode> protocolNode() {
        return nodes.stream().filter(ProtocolNode.class::isInstance).map(ProtocolNode.class::cast).findFirst();
    }

    public Optional<NetworkNode> networkNode() {
        return nodes.stream().filter(NetworkNode.class::isInstance).map(NetworkNode.class::cast).findFirst();
    }

    public Optional<FormatNode> formatNode() {
        return nodes.stream().filter(FormatNode.class::isInstance).map(FormatNode.class::cast).findFirst();
    }

    public Optional<FilterNode> filterNode() {
        return nodes.stream().filter(FilterNode.class::isInstance).map(FilterNode.class::cast).findFirst();
    }

    /** The node the device reads: a filter above the format node, else the format node. */
    public Optional<String> topNodeName() {
        return filterNode().map(BlockNode::nodeName).or(() -> formatNode().map(BlockNode::nodeName));
    }

    @Override
    public Optional<PciAddress> pciAddress() {
        return frontend.address() instanceof PciAddress pci ? Optional.of(pci) : Optional.empty();
    }
}
