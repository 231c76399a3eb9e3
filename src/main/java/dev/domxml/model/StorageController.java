package dev.domxml.model;

import java.util.Optional;
import java.util.OptionalInt;

/** A SCSI or SATA host adapter on PCI; its bus ({@code scsi0.0}, {@code sata0.N}) carries disks. */
public record StorageController(
        String id,
        StorageControllerKind kind,
        VirtioOptions virtio,
        Optional<String> iothread,
        OptionalInt numQueues,
        OptionalInt cmdPerLun,
        OptionalInt maxSectors,
        Optional<Boolean> ioeventfd,
        PciAddress address) implements Device {

    @Override
    public Optional<PciAddress> pciAddress() {
        return Optional.of(address);
    }
}
