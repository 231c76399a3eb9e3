package dev.domxml.model;

/** {@code virtio-balloon-pci}, which libvirt adds unless told {@code <memballoon model='none'/>}. */
public record BalloonDevice(String id, PciAddress address) implements Device {

    @Override
    public java.util.Optional<PciAddress> pciAddress() {
        return java.util.Optional.of(address);
    }
}
