package dev.domxml.model;

/** The x86 chipsets libvirt knows: i440FX ({@code pc}, flat PCI) and Q35 (PCI Express). */
public enum MachineFamily {
    I440FX("pci.0"), Q35("pcie.0");

    private final String rootBus;

    MachineFamily(String rootBus) {
        this.rootBus = rootBus;
    }

    public String rootBus() {
        return rootBus;
    }

    /** The first root-bus slot a device may take: the chipset holds slot 0 (and slot 1 on i440fx, PIIX). */
    public int firstRootSlot() {
        return this == I440FX ? 2 : 1;
    }

    /** The last root-bus slot a device may take: q35's 0x1f is the ICH9 LPC/SATA/SMBus function block. */
    public int lastRootSlot() {
        return this == Q35 ? 0x1e : 31;
    }
}
