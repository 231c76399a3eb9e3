package dev.domxml.model;

/** One {@code -device} of the guest (with whatever it needs besides: block nodes, a netdev). */
public sealed interface Device
        permits PcieRootPort, PciBridge, UsbController, StorageController, DiskDevice, NetworkDevice,
                BalloonDevice, GenericDevice {
    String id();
}
