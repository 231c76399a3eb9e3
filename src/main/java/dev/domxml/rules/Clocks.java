package dev.domxml.rules;

import dev.domxml.binding.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code <clock>} as libvirt 9.0 writes it: the RTC's base (utc, localtime, a variable offset from now, an
 * absolute start), its clock source and drift fix from the rtc timer, the PIT's tick policy, the HPET, and the
 * timers that are CPU properties (kvmclock, hypervclock, tsc), which {@link #cpuFlags} gives.
 */
final class Clocks {
    private static final DateTimeFormatter RTC_BASE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");
    /** glib's last representable time, which libvirt checks an absolute start against. */
    private static final long MAX_START = 253402300799L;

    private final DomainResolver resolver;
    private final List<String> cpuFlags = new ArrayList<>();
    private Optional<ResolvedDomain.TscFrequency> tscFrequency = Optional.empty();

    private Clocks(DomainResolver resolver) {
        this.resolver = resolver;
    }

    /** The clock, the -cpu properties its timers add, and the TSC frequency the guest asks for. */
    record Resolved(dev.domxml.model.Clock clock, List<String> cpuFlags, Optional<ResolvedDomain.TscFrequency> tscFrequency) {}

    static Resolved resolve(DomainResolver resolver, Clock clock, Instant now) {
        Clocks clocks = new Clocks(resolver);
        return new Resolved(clocks.clock(clock, now), List.copyOf(clocks.cpuFlags), clocks.tscFrequency);
    }

    private dev.domxml.model.Clock clock(Clock clock, Instant now) {
        if (clock == null) {
            return dev.domxml.model.Clock.UTC;
        }
        String offset = Values.text(clock.offset).orElse("utc");
        StringBuilder rtc = new StringBuilder("base=");
        Optional<String> timezone = Optional.empty();
        switch (offset) {
            case "utc" -> rtc.append("utc");
            case "localtime" -> rtc.append("localtime");
            case "timezone" -> {
                rtc.append("localtime");
                timezone = Values.text(clock.timezone);
            }
            case "variable" -> {
                long adjustment = Values.text(clock.adjustment).flatMap(Clocks::signed).orElse(0L);
                if (Values.text(clock.basis).orElse("utc").equals("localtime")) {
                    adjustment += ZoneId.systemDefault().getRules().getOffset(now).getTotalSeconds();
                }
                rtc.append(RTC_BASE.format(now.plusSeconds(adjustment).atOffset(ZoneOffset.UTC)));
            }
            case "absolute" -> {
                long start = Values.text(clock.start).flatMap(Clocks::signed).orElse(0L);
                if (start > MAX_START) {
                    resolver.invalid(clock, "The maximum 'start' value for <clock offset='absolute'> is " + MAX_START);
                    return dev.domxml.model.Clock.UTC;
                }
                rtc.append(RTC_BASE.format(Instant.ofEpochSecond(start).atOffset(ZoneOffset.UTC)));
            }
            default -> {
                resolver.invalid(clock, "unknown clock offset '" + offset + "' (utc, localtime, timezone, variable,"
                        + " absolute)");
                return dev.domxml.model.Clock.UTC;
            }
        }
        Optional<String> pit = Optional.empty();
        boolean noHpet = false;
        for (Clock.Timer timer : clock.timers) {
            String name = Values.text(timer.name).orElse("");
            String tickpolicy = Values.text(timer.tickpolicy).orElse("");
            Optional<Boolean> present = Values.onOff(timer.present);
            switch (name) {
                case "rtc" -> {
                    switch (Values.text(timer.track).orElse("")) {
                        case "guest" -> rtc.append(",clock=vm");
                        case "wall" -> rtc.append(",clock=host");
                        case "realtime" -> rtc.append(",clock=rt");
                        case "" -> { }
                        default -> resolver.invalid(timer, "unsupported rtc timer track '" + timer.track + "'");
                    }
                    switch (tickpolicy) {
                        case "catchup" -> rtc.append(",driftfix=slew");
                        case "", "delay" -> { }
                        default -> resolver.invalid(timer, "unsupported rtc timer tickpolicy '" + tickpolicy + "'");
                    }
                }
                case "pit" -> {
                    switch (tickpolicy) {
                        case "", "delay" -> pit = Optional.of("delay");
                        case "discard" -> pit = Optional.of("discard");
                        case "catchup" -> pit = Optional.empty(); // QEMU's kvm-pit catches up by default
                        default -> resolver.invalid(timer, "unsupported pit tickpolicy '" + tickpolicy + "'");
                    }
                }
                case "hpet" -> noHpet = present.filter(on -> !on).isPresent();
                case "kvmclock" -> present.ifPresent(on -> cpuFlags.add("kvmclock=" + (on ? "on" : "off")));
                case "hypervclock" -> present.filter(on -> on).ifPresent(on -> cpuFlags.add("hv-time=on"));
                case "tsc" -> Values.unsigned(timer.frequency).filter(f -> f > 0).ifPresent(f -> {
                    cpuFlags.add("tsc-frequency=" + f);
                    tscFrequency = Optional.of(new ResolvedDomain.TscFrequency(f, resolver.at(timer)));
                });
                default -> resolver.invalid(timer, "unsupported timer type (name) '" + name + "'");
            }
        }
        return new dev.domxml.model.Clock(rtc.toString(), pit, noHpet, timezone);
    }

    private static Optional<Long> signed(String text) {
        try {
            return Optional.of(Long.parseLong(text.trim()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
