package dev.domxml.model;

import java.util.OptionalInt;

/** A NIC: the {@code -netdev} backend ({@code type}, {@code hostnetN}) and the {@code -device} frontend. */
public record NetworkDevice(
        String id, String netdevType, String netdevId, String driver, String mac, PciAddress address,
        OptionalInt bootIndex) implements Device {

    @Override
    public java.util.Optional<PciAddress> pciAddress() {
        return java.util.Optional.of(address);
    }
}
