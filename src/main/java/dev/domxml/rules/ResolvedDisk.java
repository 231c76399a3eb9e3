package dev.domxml.rules;

import dev.domxml.binding.Disk;
import dev.domxml.report.SourcePosition;
import java.util.Optional;
import java.util.OptionalInt;

/** A {@code <disk>} after libvirt's defaults: bus guessed, format defaulted, address assigned. */
public record ResolvedDisk(
        Disk xml,
        Optional<SourcePosition> position,
        String type,
        String device,
        DiskBus bus,
        String target,
        int index,
        Optional<String> sourcePath,
        String format,
        Optional<CacheMode> cache,
        Optional<String> io,
        Optional<String> discard,
        Optional<String> detectZeroes,
        OptionalInt iothread,
        OptionalInt queues,
        Optional<Boolean> ioeventfd,
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
        Optional<XmlPciAddress> pciAddress) {

    public boolean isCdrom() {
        return "cdrom".equals(device);
    }

    public boolean isEmpty() {
        return sourcePath.isEmpty();
    }

    public ResolvedDisk withDriveAddress(DriveAddress address) {
        return new ResolvedDisk(xml, position, type, device, bus, target, index, sourcePath, format, cache, io,
                discard, detectZeroes, iothread, queues, ioeventfd, readonly, shareable, serial, wwn, vendor,
                product, rotationRate, bootOrder, Optional.of("drive"), Optional.of(address), pciAddress);
    }

    /** How the disk is named in messages: its target and source. */
    public String describe() {
        return "disk '" + target + "'";
    }
}
