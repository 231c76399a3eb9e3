package dev.domxml.model;

/** The storage controllers QEMU offers, by QEMU device name. */
public enum StorageControllerKind {
    VIRTIO_SCSI("virtio-scsi-pci", true, true),
    LSI("lsi", false, false),
    MEGASAS("megasas", true, false),
    MPTSAS1068("mptsas1068", true, false),
    PVSCSI("pvscsi", true, false),
    IBMVSCSI("spapr-vscsi", true, false),
    AHCI("ahci", false, false);

    private final String qemuDriver;
    private final boolean scsiChannelAddressing;
    private final boolean virtio;

    StorageControllerKind(String qemuDriver, boolean scsiChannelAddressing, boolean virtio) {
        this.qemuDriver = qemuDriver;
        this.scsiChannelAddressing = scsiChannelAddressing;
        this.virtio = virtio;
    }

    public String qemuDriver() {
        return qemuDriver;
    }

    /** Whether disks on it are addressed by channel/scsi-id/lun rather than scsi-id alone. */
    public boolean scsiChannelAddressing() {
        return scsiChannelAddressing;
    }

    /** Only virtio controllers can run in an iothread. */
    public boolean isVirtio() {
        return virtio;
    }

    public static java.util.Optional<StorageControllerKind> byQemuDriver(String driver) {
        for (StorageControllerKind kind : values()) {
            if (kind.qemuDriver.equals(driver)) {
                return java.util.Optional.of(kind);
            }
        }
        return java.util.Optional.empty();
    }
}
