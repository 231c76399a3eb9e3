package dev.domxml.model;

import java.util.Optional;

/**
 * The guest's clock: the {@code -rtc} value (base, clock source, drift fix), the PIT's lost-tick policy
 * ({@code -global kvm-pit.lost_tick_policy=}), whether the HPET is left out ({@code -no-hpet}) and the time
 * zone QEMU runs in (TZ) for {@code <clock offset='timezone'>}.
 */
public record Clock(String rtc, Optional<String> pitTickPolicy, boolean noHpet, Optional<String> timezone) {
    /** libvirt's default: the guest's RTC runs in UTC. */
    public static final Clock UTC = new Clock("base=utc", Optional.empty(), false, Optional.empty());
}
