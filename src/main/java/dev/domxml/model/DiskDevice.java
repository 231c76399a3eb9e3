package dev.domxml.model;

import java.util.List;
import java.util.Optional;

/**
 * A disk as QEMU builds it: block nodes from the storage up (empty for an empty CD-ROM drive and for a
 * vhost-user disk) and the frontend device on top; {@code backends} are written before the nodes: the TLS
 * credentials a network node names, the socket chardev of a vhost-user disk. {@code backingNodes} are the
 * images below the disk's own (its {@code <backingStore>} chain), the deepest first, each its storage node
 * and then its format node, as they are written before the disk's own nodes.
 */
public record DiskDevice(String targetDev, List<BlockNode> nodes, DiskFrontend frontend,
        List<GenericDevice.Backend> backends, List<BlockNode> backingNodes) implements Device {
    /** QEMU's disk that a vhost-user backend serves through a socket: it has no block nodes. */
    public static final String VHOST_USER_BLK = "vhost-user-blk-pci";

    public DiskDevice {
        nodes = List.copyOf(nodes);
        backends = List.copyOf(backends);
        backingNodes = List.copyOf(backingNodes);
    }

    public DiskDevice(String targetDev, List<BlockNode> nodes, DiskFrontend frontend,
            List<GenericDevice.Backend> backends) {
        this(targetDev, nodes, frontend, backends, List.of());
    }

    public DiskDevice(String targetDev, List<BlockNode> nodes, DiskFrontend frontend) {
        this(targetDev, nodes, frontend, List.of());
    }

    public boolean isVhostUser() {
        return frontend.driver().equals(VHOST_USER_BLK);
    }

    /** The id of the -chardev a vhost-user disk talks through ({@code chr-vu-ALIAS}, as libvirt names it). */
    public static String vhostUserChardev(String alias) {
        return "chr-vu-" + alias;
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

    /** The backing node of that name, the format node another format node names as its backing. */
    public Optional<BlockNode> backingNode(String name) {
        return backingNodes.stream().filter(n -> n.nodeName().equals(name)).findFirst();
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
