package dev.domxml.rules;

import dev.domxml.binding.Features;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.w3c.dom.Element;

/**
 * The -cpu properties {@code <features>} add, in libvirt 9.0's order: after the clock's timers, the APIC's
 * end-of-interrupt, paravirtual spinlocks, the Hyper-V enlightenments (passthrough, then each one on), the
 * Hyper-V crash notifier of a {@code <panic model='hyperv'>}, the KVM features, and the performance monitoring unit.
 */
final class CpuFlags {
    /** Hyper-V enlightenments in libvirt's enum order, which is the order they are written in. */
    private static final List<String> HYPERV = List.of("relaxed", "vapic", "spinlocks", "vpindex", "runtime", "synic",
            "stimer", "reset", "vendor_id", "frequencies", "reenlightenment", "tlbflush", "ipi", "evmcs", "avic");
    private static final Map<String, String> KVM_ON = Map.of("hidden", "kvm=off", "hint-dedicated", "kvm-hint-dedicated=on",
            "poll-control", "kvm-poll-control=on");

    private CpuFlags() {}

    static List<String> of(DomainResolver resolver, Features features, boolean hypervPanic) {
        List<String> flags = new ArrayList<>();
        if (features != null && features.apic != null) {
            Values.onOff(features.apic.otherAttributes.get(new javax.xml.namespace.QName("eoi")))
                    .ifPresent(on -> flags.add("kvm-pv-eoi=" + (on ? "on" : "off")));
        }
        Optional<Element> pvspinlock = child(features, "pvspinlock");
        pvspinlock.flatMap(e -> Values.onOff(e.getAttribute("state")).or(() -> Optional.of(true)))
                .ifPresent(on -> flags.add("kvm-pv-unhalt=" + (on ? "on" : "off")));
        Optional<Element> hyperv = child(features, "hyperv");
        if (hyperv.isPresent()) {
            String mode = hyperv.get().getAttribute("mode");
            if (mode.equals("passthrough")) {
                flags.add("hv-passthrough=on");
            } else if (!mode.isEmpty() && !mode.equals("custom")) {
                resolver.invalid(features, "unknown hyperv mode '" + mode + "' (custom, passthrough)");
            }
            for (String name : HYPERV) {
                Optional<Element> e = child(hyperv.get(), name);
                if (e.isEmpty() || !Values.onOff(e.get().getAttribute("state")).orElse(false)) {
                    continue;
                }
                switch (name) {
                    case "spinlocks" -> {
                        long retries = Values.unsigned(e.get().getAttribute("retries")).orElse(0L);
                        if (retries < 4095) {
                            resolver.invalid(features, "HyperV spinlock retry count must be at least 4095");
                            continue;
                        }
                        flags.add("hv-spinlocks=0x" + Long.toHexString(retries));
                    }
                    case "vendor_id" -> flags.add("hv-vendor-id=" + e.get().getAttribute("value"));
                    case "stimer" -> {
                        flags.add("hv-stimer=on");
                        child(e.get(), "direct").filter(d -> Values.onOff(d.getAttribute("state")).orElse(false))
                                .ifPresent(d -> flags.add("hv-stimer-direct=on"));
                    }
                    default -> flags.add("hv-" + name + "=on");
                }
            }
        }
        if (hypervPanic) {
            flags.add("hv-crash");
        }
        Optional<Element> kvm = child(features, "kvm");
        if (kvm.isPresent()) {
            for (String feature : List.of("hidden", "hint-dedicated", "poll-control")) {
                child(kvm.get(), feature).filter(e -> Values.onOff(e.getAttribute("state")).orElse(false))
                        .ifPresent(e -> flags.add(KVM_ON.get(feature)));
            }
            child(kvm.get(), "pv-ipi").filter(e -> Values.onOff(e.getAttribute("state")).filter(on -> !on).isPresent())
                    .ifPresent(e -> flags.add("kvm-pv-ipi=off"));
        }
        if (features != null && features.pmu != null) {
            // <pmu/> without a state turns it on
            boolean on = resolver.optionalOnOff(features.pmu, features.pmu.state, "pmu state").orElse(true);
            flags.add("pmu=" + (on ? "on" : "off"));
        }
        return flags;
    }

    private static Optional<Element> child(Features features, String name) {
        return features == null ? Optional.empty() : DomainResolver.child(features, name);
    }

    private static Optional<Element> child(Element parent, String name) {
        return DomainResolver.child(parent, name);
    }
}
