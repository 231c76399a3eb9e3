package dev.domxml.qemu;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** What QEMU 7.2's option table says about an option: whether it takes a value, and its implied key. */
public final class QemuOptions {
    private QemuOptions() {}

    /** Options that take no value (QEMU's HAS_ARG=0); every other option takes exactly one. */
    private static final Set<String> FLAGS = Set.of(
            "-S", "-s", "-snapshot", "-nographic", "-no-quit", "-full-screen", "-no-acpi", "-no-hpet", "-no-reboot",
            "-no-shutdown", "-daemonize", "-enable-kvm", "-no-user-config", "-nodefaults", "-nodefconfig",
            "-no-fd-bootchk", "-win2k-hack", "-rtc-td-hack", "-enable-fips", "-no-kvm", "-no-kvm-irqchip",
            "-no-kvm-pit", "-no-kvm-pit-reinjection", "-xen-attach", "-semihosting", "-version", "-h", "-help",
            "-preconfig", "-portrait", "-alt-grab", "-ctrl-grab", "-sdl", "-curses", "-usb", "-singlestep",
            "-no-frame", "-only-migratable", "-old-param");

    /** The key a value's first item stands for when written without {@code key=}. */
    private static final Map<String, String> IMPLIED_KEYS = Map.ofEntries(
            Map.entry("-device", "driver"), Map.entry("-object", "qom-type"), Map.entry("-netdev", "type"),
            Map.entry("-machine", "type"), Map.entry("-M", "type"), Map.entry("-accel", "accel"),
            Map.entry("-smp", "cpus"), Map.entry("-m", "size"), Map.entry("-name", "guest"),
            Map.entry("-boot", "order"), Map.entry("-chardev", "backend"), Map.entry("-audiodev", "driver"),
            Map.entry("-display", "type"), Map.entry("-rtc", "base"), Map.entry("-overcommit", "mem-lock"),
            Map.entry("-sandbox", "enable"), Map.entry("-msg", "timestamp"), Map.entry("-vnc", "vnc"),
            Map.entry("-mon", "chardev"), Map.entry("-global", "global"));

    /** Options whose value may be written as JSON (QEMU 7.2). */
    private static final Set<String> JSON_CAPABLE = Set.of("-device", "-object", "-blockdev", "-netdev", "-audiodev",
            "-display", "-compat");

    /** Options whose dotted keys ({@code cache.direct=on}) build nested objects, as QEMU's keyval does. */
    private static final Set<String> DOTTED = Set.of("-blockdev");

    public static boolean takesValue(String option) {
        return !FLAGS.contains(option);
    }

    public static Optional<String> impliedKey(String option) {
        return Optional.ofNullable(IMPLIED_KEYS.get(option));
    }

    public static boolean acceptsJson(String option) {
        return JSON_CAPABLE.contains(option);
    }

    public static boolean nestsDottedKeys(String option) {
        return DOTTED.contains(option);
    }

    /** QEMU accepts {@code --device} for {@code -device}. */
    public static String normalize(String option) {
        return option.startsWith("--") && option.length() > 2 ? option.substring(1) : option;
    }
}
