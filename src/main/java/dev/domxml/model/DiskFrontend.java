package dev.domxml.model;

import java.math.BigInteger;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The guest-visible disk device: {@code scsi-hd}, {@code virtio-blk-pci}, {@code ide-cd}, ...
 * {@code scsiPassthrough} is virtio-blk's {@code scsi=on} for a {@code device='lun'} disk.
 */
public record DiskFrontend(
        String driver,
        String id,
        DeviceAddress address,
        Optional<String> drive,
        Optional<String> iothread,
        OptionalInt numQueues,
        Optional<Boolean> ioeventfd,
        boolean scsiPassthrough,
        Optional<String> deviceId,
        boolean shareRw,
        OptionalInt bootIndex,
        Optional<BigInteger> wwn,
        OptionalInt rotationRate,
        Optional<String> vendor,
        Optional<String> product,
        Optional<Boolean> writeCache,
        Optional<String> serial) {}
