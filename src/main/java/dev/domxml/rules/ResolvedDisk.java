package dev.domxml.rules;

import dev.domxml.binding.Disk;
import dev.domxml.model.DiskTuning;
import dev.domxml.model.VirtioOptions;
import dev.domxml.report.SourcePosition;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * A {@code <disk>} after libvirt's defaults: bus guessed, format defaulted, address assigned. Its
 * {@code backingChain} lists the images below its own, the nearest first.
 */
public record ResolvedDisk(
        Disk xml,
        Optional<SourcePosition> position,
        String type,
        String device,
        DiskBus bus,
        String target,
        int index,
        Optional<String> sourcePath,
        Optional<NetworkSource> network,
        String format,
        Optional<CacheMode> cache,
        Optional<String> io,
        Optional<String> discard,
        Optional<String> detectZeroes,
        OptionalInt iothread,
        OptionalInt queues,
        Optional<Boolean> ioeventfd,
        Optional<Boolean> eventIdx,
        OptionalInt queueSize,
        VirtioOptions virtio,
        DiskTuning tuning,
        OptionalLong metadataCacheBytes,
        boolean readonly,
        boolean shareable,
        Optional<String> serial,
        Optional<String> wwn,
        Optional<String> vendor,
        Optional<String> product,
        OptionalInt rotationRate,
        OptionalInt bootOrder,
        Optional<String> addressType,
        Optional<DriveAddress> driveAddress,
        Optional<XmlPciAddress> pciAddress,
        List<BackingImage> backingChain) {

    public ResolvedDisk {
        backingChain = List.copyOf(backingChain);
    }

    public boolean isCdrom() {
        return "cdrom".equals(device);
    }

    /** A disk served by a vhost-user backend over a unix socket: QEMU opens no image for it. */
    public boolean isVhostUser() {
        return "vhostuser".equals(type);
    }

    public boolean isEmpty() {
        return sourcePath.isEmpty() && network.isEmpty();
    }

    public ResolvedDisk withDriveAddress(DriveAddress address) {
        return new ResolvedDisk(xml, position, type, device, bus, target, index, sourcePath, network, format, cache, io,
                discard, detectZeroes, iothread, queues, ioeventfd, eventIdx, queueSize, virtio, tuning,
                metadataCacheBytes, readonly, shareable, serial, wwn, vendor, product, rotationRate, bootOrder,
                Optional.of("drive"), Optional.of(address), pciAddress, backingChain);
    }

    /**
     * How many node numbers ({@code libvirt-N-...}) the disk takes: one for its own image, even an empty
     * drive's, one for each backing image; none for a vhost-user disk, whose image QEMU does not open.
     */
    public int nodeNumbers() {
        return isVhostUser() ? 0 : 1 + backingChain.size();
    }

    public boolean isTransient() {
        return xml.transientDisk != null;
    }

    /**
     * A transient disk whose overlay shares the backing image ({@code shareBacking='yes'}): libvirt leaves
     * it off the command line and hot-plugs it once QEMU runs, keeping its address and node number.
     */
    public boolean attachedAfterStart() {
        return isTransient() && Values.onOff(xml.transientDisk.shareBacking).orElse(false);
    }

    /** How the disk is named in messages: its target and source. */
    public String describe() {
        return "disk '" + target + "'";
    }
}
