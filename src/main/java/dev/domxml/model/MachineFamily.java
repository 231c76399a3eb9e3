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
}
