package dev.domxml.model;

/** Where a device plugs in: a PCI slot, a storage bus or the sPAPR VIO bus. */
public sealed interface DeviceAddress permits PciAddress, ScsiAddress, IdeAddress, FloppyAddress, UsbAddress,
        SpaprVioAddress {}
