package dev.domxml.model;

import java.util.Optional;

/** The virtio memory balloon, with its {@code deflate-on-oom} and {@code free-page-reporting} switches. */
public record BalloonDevice(String id, PciAddress address, VirtioOptions virtio, Optional<Boolean> deflateOnOom,
        Optional<Boolean> freePageReporting) implements Device {

    @Override
    public Optional<PciAddress> pciAddress() {
        return Optional.of(address);
    }
}
