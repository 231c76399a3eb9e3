package dev.domxml.rules;

import dev.domxml.binding.RedirFilter;
import dev.domxml.binding.Redirdev;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * {@code <redirdev bus='usb'>}: usb-redir devices, each on a USB port and fed by a chardev (spicevmc, tcp,
 * unix, dbus), all with the {@code <redirfilter>} rules in QEMU's filter syntax.
 */
final class Redirdevs {
    private static final Set<String> BACKENDS = Set.of("spicevmc", "tcp", "unix", "dbus");

    private Redirdevs() {}

    static List<ResolvedDevice> resolve(DomainResolver resolver, List<Redirdev> redirdevs, RedirFilter filter,
            boolean spice) {
        Optional<String> rules = filter == null ? Optional.empty() : filter(resolver, filter);
        List<ResolvedDevice> out = new ArrayList<>();
        for (Redirdev redirdev : redirdevs) {
            String bus = Values.text(redirdev.bus).orElse("usb");
            String type = Values.text(redirdev.type).orElse("");
            if (!bus.equals("usb")) {
                resolver.invalid(redirdev, "redirected devices on bus '" + bus + "' are not supported (usb)");
                continue;
            }
            if (!BACKENDS.contains(type)) {
                resolver.invalid(redirdev, "redirdev type '" + type + "' is not supported by domxml (spicevmc, tcp, unix, dbus)");
                continue;
            }
            if (type.equals("spicevmc") && !spice) {
                resolver.invalid(redirdev, "chardev 'spicevmc' needs <graphics type='spice'>");
                continue;
            }
            Map<String, String> values = new LinkedHashMap<>(resolver.sourceValues(redirdev));
            rules.ifPresent(r -> values.put("filter", r));
            if (redirdev.boot != null) {
                OptionalInt order = resolver.optionalUnsigned(redirdev.boot, redirdev.boot.order, "boot order");
                order.ifPresent(o -> values.put("bootindex", String.valueOf(o)));
            }
            values.putAll(resolver.usbAddressValues(redirdev.address));
            out.add(new ResolvedDevice("redirdev", type, Optional.of("usb"), resolver.at(redirdev), Optional.empty(),
                    Map.of(), values));
        }
        return out;
    }

    /** QEMU's filter: {@code class:vendor:product:version:allow} rules joined by '|', -1 for any. */
    private static Optional<String> filter(DomainResolver resolver, RedirFilter filter) {
        List<String> rules = new ArrayList<>();
        for (RedirFilter.UsbDevRule rule : filter.usbdevs) {
            Optional<Integer> usbClass = number(rule.usbClass);
            if (usbClass.filter(c -> c > 0xff).isPresent()) {
                resolver.invalid(rule, String.format("Invalid USB Class code 0x%x", usbClass.get()));
                return Optional.empty();
            }
            Optional<Boolean> allow = Values.onOff(rule.allow);
            if (allow.isEmpty()) {
                resolver.invalid(rule, "<usbdev> needs allow='yes' or allow='no'");
                return Optional.empty();
            }
            Optional<Integer> version;
            try {
                version = rule.version == null || rule.version.trim().equals("-1") ? Optional.empty()
                        : Optional.of(bcdVersion(rule.version.trim()));
            } catch (IllegalArgumentException e) {
                resolver.invalid(rule, "Cannot parse USB device version " + rule.version);
                return Optional.empty();
            }
            rules.add(hex(usbClass, "0x%02X") + ":" + hex(number(rule.vendor), "0x%04X") + ":"
                    + hex(number(rule.product), "0x%04X") + ":" + hex(version, "0x%04X") + ":" + (allow.get() ? 1 : 0));
        }
        return rules.isEmpty() ? Optional.empty() : Optional.of(String.join("|", rules));
    }

    /** "1.10" as the USB descriptor's binary-coded decimal 0x0110; "2.0" (one digit after the dot) as 0x0200. */
    private static int bcdVersion(String version) {
        String[] parts = version.split("\\.", -1);
        if (parts.length != 2 || !parts[0].matches("\\d{1,2}") || !parts[1].matches("\\d{1,2}")) {
            throw new IllegalArgumentException(version);
        }
        int major = Integer.parseInt(parts[0]);
        int minor = Integer.parseInt(parts[1]) * (parts[1].length() == 1 ? 10 : 1);
        return (major / 10) << 12 | (major % 10) << 8 | (minor / 10) << 4 | minor % 10;
    }

    /** libvirt reads these as C integers: decimal, 0x hex, or -1 (any). */
    private static Optional<Integer> number(String text) {
        String value = Values.text(text).orElse("-1");
        if (value.equals("-1")) {
            return Optional.empty();
        }
        return Values.unsigned(value).map(Long::intValue);
    }

    private static String hex(Optional<Integer> value, String format) {
        return value.map(v -> String.format(format, v)).orElse("-1");
    }
}
