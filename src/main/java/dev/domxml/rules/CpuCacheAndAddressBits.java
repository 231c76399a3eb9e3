package dev.domxml.rules;

import dev.domxml.binding.Cpu;
import dev.domxml.binding.CpuCache;
import dev.domxml.binding.CpuMaxPhysAddr;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The -cpu properties of {@code <cpu><cache/>} and {@code <cpu><maxphysaddr/>}, and libvirt 9.0's checks of
 * both (its CPU parser, then qemuValidateDomainDefCpu): written after every {@code <features>} property.
 */
final class CpuCacheAndAddressBits {
    private static final Set<String> CACHE_MODES = Set.of("emulate", "passthrough", "disable");
    private static final Set<String> ADDRESS_MODES = Set.of("passthrough", "emulate");

    private CpuCacheAndAddressBits() {}

    static List<String> of(DomainResolver resolver, Cpu cpu) {
        List<String> flags = new ArrayList<>();
        if (cpu == null) {
            return flags;
        }
        String cpuMode = Values.text(cpu.mode).orElse("custom");
        if (cpu.caches.size() > 1) {
            resolver.invalid(cpu.caches.get(1), "at most one CPU cache element may be specified");
        } else if (!cpu.caches.isEmpty()) {
            cache(resolver, cpu.caches.get(0), cpuMode, flags);
        }
        if (!cpu.maxPhysAddrs.isEmpty()) {
            addressBits(resolver, cpu.maxPhysAddrs.get(0), flags);
        }
        return flags;
    }

    private static void cache(DomainResolver resolver, CpuCache cache, String cpuMode, List<String> flags) {
        Optional<Integer> level = number(resolver, cache, cache.level, "level", "cache");
        if (level.isPresent() && (level.get() < 1 || level.get() > 3)) {
            resolver.invalid(cache, "invalid CPU cache level, must be in range [1,3]");
            return;
        }
        Optional<String> mode = mode(resolver, cache, cache.mode, "cache", CACHE_MODES);
        if (mode.isEmpty()) {
            return;
        }
        boolean hostPassthrough = cpuMode.equals("host-passthrough") || cpuMode.equals("maximum");
        switch (mode.get()) {
            case "emulate" -> {
                if (level.orElse(-1) != 3) {
                    resolver.invalid(cache, "CPU cache mode 'emulate' can only be used with level='3'");
                    return;
                }
                flags.add("l3-cache=on");
                if (hostPassthrough) {
                    flags.add("host-cache-info=off");
                }
            }
            case "passthrough" -> {
                if (!hostPassthrough) {
                    resolver.invalid(cache, "CPU cache mode 'passthrough' can only be used with 'host-passthrough'"
                            + " / 'maximum' CPUs");
                    return;
                }
                if (level.isPresent()) {
                    resolver.invalid(cache, "unsupported CPU cache level for mode 'passthrough'");
                    return;
                }
                flags.add("host-cache-info=on");
                flags.add("l3-cache=off");
            }
            default -> {
                if (level.isPresent()) {
                    resolver.invalid(cache, "unsupported CPU cache level for mode 'disable'");
                    return;
                }
                if (hostPassthrough) {
                    flags.add("host-cache-info=off");
                }
                flags.add("l3-cache=off");
            }
        }
    }

    private static void addressBits(DomainResolver resolver, CpuMaxPhysAddr address, List<String> flags) {
        Optional<String> mode = mode(resolver, address, address.mode, "maxphysaddr", ADDRESS_MODES);
        Optional<Integer> bits = number(resolver, address, address.bits, "bits", "maxphysaddr");
        if (mode.isEmpty()) {
            return;
        }
        if (mode.get().equals("passthrough")) {
            if (bits.isPresent()) {
                resolver.invalid(address, "CPU maximum physical address bits number specification cannot be used"
                        + " with mode='passthrough'");
                return;
            }
            flags.add("host-phys-bits=on");
        } else if (bits.isEmpty()) {
            resolver.invalid(address, "if using CPU maximum physical address mode='emulate', bits= must be specified too");
        } else {
            flags.add("phys-bits=" + bits.get());
        }
    }

    /** A required enumerated attribute, refused as libvirt's XML property parser refuses it. */
    private static Optional<String> mode(DomainResolver resolver, Object where, String value, String element,
            Set<String> allowed) {
        if (value == null) {
            resolver.invalid(where, "Missing required attribute 'mode' in element '" + element + "'");
            return Optional.empty();
        }
        if (!allowed.contains(value)) {
            resolver.invalid(where, "Invalid value for attribute 'mode' in element '" + element + "': '" + value + "'.");
            return Optional.empty();
        }
        return Optional.of(value);
    }

    /** An optional non-negative decimal attribute. */
    private static Optional<Integer> number(DomainResolver resolver, Object where, String value, String attribute,
            String element) {
        if (value == null) {
            return Optional.empty();
        }
        try {
            int parsed = Integer.parseInt(value);
            if (parsed >= 0) {
                return Optional.of(parsed);
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        resolver.invalid(where, "Invalid value for attribute '" + attribute + "' in element '" + element + "': '"
                + value + "'. Expected non-negative integer value");
        return Optional.empty();
    }
}
