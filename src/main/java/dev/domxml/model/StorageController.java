package dev.domxml.model;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * A SCSI or SATA host adapter on PCI (or on sPAPR VIO: ibmvscsi); its bus ({@code scsi0.0}, {@code sata0.N})
 * carries disks.
 */
public record StorageController(
        String id,
        StorageControllerKind kind,
        VirtioOptions virtio,
        Optional<String> iothread,
        OptionalInt numQueues,
        OptionalInt cmdPerLun,
        OptionalInt maxSectors,
        Optional<Boolean> ioeventfd,
        DeviceAddress address) implements Device {

    @Override
    public Optional<PciAddress> pciAddress() {
        return address instanceof PciAddress pci ? Optional.of(pci) : Optional.empty();
    }
}
