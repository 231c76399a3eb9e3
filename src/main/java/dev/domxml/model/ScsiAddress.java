package dev.domxml.model;

import java.util.OptionalInt;

/**
 * A SCSI device's place on its controller's bus ({@code scsi0.0}). Controllers with a channel
 * (virtio-scsi and most HBAs) take channel/scsi-id/lun; {@code lsi} takes only scsi-id.
 */
public record ScsiAddress(String bus, OptionalInt channel, int scsiId, OptionalInt lun) implements DeviceAddress {}
