package dev.domxml.rules;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What the machine a domain is meant for can run. libvirt checks a domain against the host it runs on
 * (virsh domxml-to-native and define refuse type='kvm' where there is no KVM); domxml does the same
 * for this machine, or assumes a host that runs anything when the domain is meant for another.
 */
public record HostCapabilities(boolean kvm) {
    /** A host that runs every domain domxml models: no check depends on the machine domxml runs on. */
    public static final HostCapabilities ANY = new HostCapabilities(true);

    private static final Path KVM_DEVICE = Path.of("/dev/kvm");

    /** This machine: KVM is there when /dev/kvm can be opened for reading and writing, as QEMU opens it. */
    public static HostCapabilities probe() {
        return new HostCapabilities(Files.isReadable(KVM_DEVICE) && Files.isWritable(KVM_DEVICE));
    }
}
