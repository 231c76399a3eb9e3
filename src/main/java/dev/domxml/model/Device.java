package dev.domxml.model;

/** One {@code -device} of the guest (with whatever it needs besides: block nodes, a netdev). */
public sealed interface Device
        permits PciePort, PciBridge, PciExpanderBus, UsbController, StorageController, DiskDevice, NetworkDevice,
                BalloonDevice, GenericDevice, FloppyController {
    String id();

    /** Where the device sits on a PCI bus; empty for devices on another bus (SCSI, IDE, USB). */
    java.util.Optional<PciAddress> pciAddress();
}
