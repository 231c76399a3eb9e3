package dev.domxml.model;

import java.math.BigInteger;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The guest-visible disk device: {@code scsi-hd}, {@code virtio-blk-pci}, {@code ide-cd}, ...
 * {@code virtio} to {@code scsiPassthrough} are virtio-blk's own (the latter its {@code scsi=on} for a
 * {@code device='lun'} disk).
 */
public record DiskFrontend(
        String driver,
        String id,
        DeviceAddress address,
        Optional<String> drive,
        VirtioOptions virtio,
        Optional<String> iothread,
        Optional<Boolean> ioeventfd,
        Optional<Boolean> eventIdx,
        OptionalInt numQueues,
        OptionalInt queueSize,
        boolean scsiPassthrough,
        Optional<String> deviceId,
        boolean shareRw,
        OptionalInt bootIndex,
        Optional<BigInteger> wwn,
        OptionalInt rotationRate,
        Optional<String> vendor,
        Optional<String> product,
        Optional<Boolean> writeCache,
        Optional<String> serial,
        DiskTuning tuning) {

    /** The same device attached to another block node. */
    public DiskFrontend withDrive(Optional<String> newDrive) {
        return new DiskFrontend(driver, id, address, newDrive, virtio, iothread, ioeventfd, eventIdx, numQueues,
                queueSize, scsiPassthrough, deviceId, shareRw, bootIndex, wwn, rotationRate, vendor, product,
                writeCache, serial, tuning);
    }
}
