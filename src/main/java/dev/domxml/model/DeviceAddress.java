package dev.domxml.model;

/** Where a device plugs in: a PCI slot or a storage bus. */
public sealed interface DeviceAddress permits PciAddress, ScsiAddress, IdeAddress, FloppyAddress, UsbAddress {}
