package dev.domxml.rules;

import dev.domxml.binding.Cpu;
import dev.domxml.binding.CpuFeature;
import dev.domxml.report.SourcePosition;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The CPU model and features of {@code -cpu} as libvirt writes them for a TCG guest: a named model with
 * the features {@code <cpu>} lists (required and forced on, disabled and forbidden off, optional ones as
 * the host CPU has them), or for host-model the host CPU libvirt describes for TCG with those features
 * merged in. A few feature names QEMU spells its own way. A KVM guest's custom model is written alike.
 */
public final class GuestCpu {
    private static final Map<String, String> QEMU_NAMES = Map.ofEntries(Map.entry("cmp_legacy", "cmp-legacy"),
            Map.entry("ds_cpl", "ds-cpl"), Map.entry("fxsr_opt", "fxsr-opt"), Map.entry("kvm_pv_eoi", "kvm-pv-eoi"),
            Map.entry("kvm_pv_unhalt", "kvm-pv-unhalt"), Map.entry("lahf_lm", "lahf-lm"),
            Map.entry("nodeid_msr", "nodeid-msr"), Map.entry("pclmuldq", "pclmulqdq"),
            Map.entry("perfctr_core", "perfctr-core"), Map.entry("perfctr_nb", "perfctr-nb"),
            Map.entry("tsc_adjust", "tsc-adjust"));
    private static final Map<String, String> LIBVIRT_NAMES = QEMU_NAMES.entrySet().stream()
            .collect(java.util.stream.Collectors.toMap(Map.Entry::getValue, Map.Entry::getKey));
    private static final Set<String> POLICIES = Set.of("force", "require", "optional", "disable", "forbid");

    private final DomainResolver resolver;
    /** Whether the host CPU is the one QEMU emulates (TCG), which domxml knows, or a real one under KVM. */
    private final boolean emulatedHost;

    private GuestCpu(DomainResolver resolver, boolean emulatedHost) {
        this.resolver = resolver;
        this.emulatedHost = emulatedHost;
    }

    /** libvirt's name for a CPU feature QEMU names on {@code -cpu} (most are spelt alike). */
    public static String libvirtFeatureName(String qemuName) {
        return LIBVIRT_NAMES.getOrDefault(qemuName, qemuName);
    }

    /**
     * The model with its features for {@code -cpu}, before the flags of {@code <features>} and {@code <clock>}.
     * Under KVM ({@code emulatedHost} false) only a custom model is written this way, and without libvirt's
     * comparison with the host CPU: that is the machine's own, which domxml does not model.
     */
    static Result of(DomainResolver resolver, Cpu cpu, String mode, String model, boolean emulatedHost) {
        GuestCpu guest = new GuestCpu(resolver, emulatedHost);
        String argument = guest.of(cpu, mode, model);
        return new Result(argument, guest.hostRequirement);
    }

    /** The -cpu argument, and what the host CPU must have for a KVM guest's custom model. */
    record Result(String argument, Optional<HostCpuRequirement> hostRequirement) {}

    /**
     * A KVM guest's custom CPU under check='partial' (its default under KVM; 'full' is checked by QEMU at start,
     * 'none' not at all): the features the host must have and those it must not, in the CPU map's order.
     */
    public record HostCpuRequirement(List<String> required, List<String> forbidden, Optional<SourcePosition> position) {
        public HostCpuRequirement {
            required = List.copyOf(required);
            forbidden = List.copyOf(forbidden);
        }
    }

    private Optional<HostCpuRequirement> hostRequirement = Optional.empty();

    private String of(Cpu cpu, String mode, String model) {
        Map<String, String> features = written(cpu);
        if (!features.isEmpty() && mode.equals("custom") && (cpu.model == null || Values.text(cpu.model.value).isEmpty())) {
            resolver.invalid(cpu, "Non-empty feature list specified without CPU model");
            return model;
        }
        if (!knownNames(cpu, mode, features)) {
            return model;
        }
        StringBuilder text = new StringBuilder();
        Map<String, Boolean> flags = new LinkedHashMap<>();
        // match='minimum' asks for at least the model: libvirt gives the host's CPU and checks nothing
        boolean minimum = emulatedHost && mode.equals("custom") && "minimum".equals(Values.text(cpu.match).orElse(""));
        if (mode.equals("host-model") || minimum) {
            TcgHost host = TcgHost.get();
            text.append(host.model());
            flags.putAll(host.hostModelFeatures());
            hostModelChanges(cpu, features, host, flags, !minimum);
        } else {
            if (emulatedHost && "partial".equals(Values.text(cpu.check).orElse(""))) {
                checkAgainstHost(cpu, model, features);
            } else if (!emulatedHost && "partial".equals(Values.text(cpu.check).orElse("partial"))
                    && cpu.model != null && Values.text(cpu.model.value).isPresent()) {
                // a <cpu> with no model (topology alone) is not compared
                hostRequirement = Optional.of(new HostCpuRequirement(required(model, features), forbidden(features),
                        resolver.at(cpu)));
            }
            text.append(model);
            features.forEach((name, policy) -> {
                switch (policy) {
                    case "force", "require" -> flags.put(name, true);
                    case "disable", "forbid" -> flags.put(name, false);
                    default -> {
                        // optional: as the host CPU has it; a KVM host's own CPU libvirt leaves to QEMU
                        if (emulatedHost || mode.equals("custom")) {
                            flags.put(name, TcgHost.get().has(name));
                        }
                    }
                }
            });
        }
        if (cpu.model != null) {
            Values.text(cpu.model.vendorId).ifPresent(vendor -> text.append(",vendor=").append(vendor));
        }
        flags.forEach((name, on) -> text.append(',').append(QEMU_NAMES.getOrDefault(name, name)).append(on ? "=on" : "=off"));
        return text.toString();
    }

    /** The features as written, in order; each at most once. */
    private Map<String, String> written(Cpu cpu) {
        Map<String, String> features = new LinkedHashMap<>();
        for (CpuFeature feature : cpu.features) {
            String name = Values.text(feature.name).orElse("");
            String policy = Values.text(feature.policy).orElse("require");
            if (name.isEmpty()) {
                resolver.invalid(feature, "Missing 'name' attribute for CPU feature");
            } else if (!POLICIES.contains(policy)) {
                resolver.invalid(feature, "Invalid CPU feature policy '" + policy + "'");
            } else if (features.putIfAbsent(name, policy) != null) {
                resolver.invalid(feature, "CPU feature '" + name + "' specified more than once");
            }
        }
        return features;
    }

    /** libvirt knows models and features by the names of its CPU map (not QEMU's spellings) and refuses others. */
    private boolean knownNames(Cpu cpu, String mode, Map<String, String> features) {
        CpuMap map = CpuMap.get();
        if (mode.equals("custom") && cpu.model != null) {
            Optional<String> model = Values.text(cpu.model.value).map(String::trim);
            if (model.isPresent() && !map.models().containsKey(model.get())) {
                resolver.invalid(cpu.model, "Unknown CPU model " + model.get());
                return false;
            }
        }
        for (String feature : features.keySet()) {
            if (!map.features().containsKey(feature)) {
                resolver.invalid(cpu, "unknown CPU feature: " + feature);
                return false;
            }
        }
        return true;
    }

    /**
     * check='partial': the host CPU must have every feature of the model and every required one, and none
     * that is forbidden. Under TCG the host is the CPU QEMU emulates.
     */
    private void checkAgainstHost(Cpu cpu, String model, Map<String, String> features) {
        TcgHost host = TcgHost.get();
        List<String> forbidden = forbidden(features).stream().filter(host::has).toList();
        if (!forbidden.isEmpty()) {
            resolver.invalid(cpu, "the CPU is incompatible with host CPU: Host CPU provides forbidden features: "
                    + String.join(", ", forbidden));
            return; // libvirt names the first incompatibility it finds
        }
        List<String> missing = required(model, features).stream().filter(name -> !host.has(name)).toList();
        if (!missing.isEmpty()) {
            resolver.invalid(cpu, "the CPU is incompatible with host CPU: Host CPU does not provide required features: "
                    + String.join(", ", missing));
        }
    }

    /** The model's features and the required ones, less those disabled, forbidden or optional: in map order. */
    private static List<String> required(String model, Map<String, String> features) {
        Set<String> required = new LinkedHashSet<>(CpuMap.get().models().getOrDefault(model, List.of()));
        features.forEach((name, policy) -> {
            switch (policy) {
                case "require" -> required.add(name);
                case "disable", "forbid", "optional" -> required.remove(name);
                default -> { } // forced on whatever the host has
            }
        });
        return required.stream().sorted(CpuMap.get().featureOrder()).toList();
    }

    private static List<String> forbidden(Map<String, String> features) {
        return features.entrySet().stream().filter(f -> f.getValue().equals("forbid")).map(Map.Entry::getKey)
                .sorted(CpuMap.get().featureOrder()).toList();
    }

    /**
     * host-model: the host's features with the written ones merged in; libvirt refuses a required feature
     * the host lacks and a forbidden one it has. An optional one is on as the host has it.
     */
    private void hostModelChanges(Cpu cpu, Map<String, String> features, TcgHost host, Map<String, Boolean> flags,
            boolean checked) {
        List<String> missing = new ArrayList<>();
        for (Map.Entry<String, String> feature : features.entrySet()) {
            String name = feature.getKey();
            switch (feature.getValue()) {
                case "force" -> flags.put(name, true);
                case "require" -> {
                    if (checked && !host.has(name)) {
                        missing.add(name);
                    }
                    flags.put(name, true);
                }
                case "disable" -> flags.put(name, false);
                case "forbid" -> {
                    if (checked && host.has(name)) {
                        resolver.invalid(cpu, "the CPU is incompatible with host CPU: Host CPU provides forbidden feature '"
                                + name + "'");
                    }
                    flags.put(name, false);
                }
                default -> flags.put(name, host.has(name));
            }
        }
        if (!missing.isEmpty()) {
            missing.sort(null); // libvirt lists them by name
            resolver.invalid(cpu, "the CPU is incompatible with host CPU: Host CPU does not provide required features: "
                    + String.join(", ", missing));
        }
    }

    /**
     * The host CPU libvirt 9.0 sees for QEMU 7.2 under TCG (tcg-host-cpu.txt): its model, the features its
     * host-model adds or removes, and the model's own features. Read once, when a domain first needs it.
     */
    /** The x86 model and feature names of libvirt's CPU map (x86-cpu-names.txt), read when first needed. */
    record CpuMap(Map<String, List<String>> models, Map<String, Integer> features) {
        private static final class Holder {
            static final CpuMap INSTANCE = load();
        }

        static CpuMap get() {
            return Holder.INSTANCE;
        }

        private static CpuMap load() {
            Map<String, List<String>> models = new HashMap<>();
            Map<String, Integer> features = new HashMap<>();
            for (String line : resourceLines("x86-cpu-names.txt")) {
                String[] words = line.split(" ");
                if (words[0].equals("model")) {
                    models.put(words[1], List.of(words).subList(2, words.length));
                } else {
                    features.put(words[1], features.size());
                }
            }
            return new CpuMap(Map.copyOf(models), Map.copyOf(features));
        }

        /** Feature names in the map's order, which is the order libvirt lists them in. */
        Comparator<String> featureOrder() {
            return Comparator.comparing(name -> features.getOrDefault(name, Integer.MAX_VALUE));
        }
    }

    /** A resource's lines, without blank lines and # comments. */
    private static List<String> resourceLines(String name) {
        List<String> lines = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(Objects.requireNonNull(
                GuestCpu.class.getResourceAsStream(name), name), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (!line.startsWith("#") && !line.isBlank()) {
                    lines.add(line);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return lines;
    }

    record TcgHost(String model, Map<String, Boolean> hostModelFeatures, Set<String> features) {
        private static final class Holder {
            static final TcgHost INSTANCE = load();
        }

        static TcgHost get() {
            return Holder.INSTANCE;
        }

        boolean has(String feature) {
            return features.contains(feature);
        }

        private static TcgHost load() {
            String model = "";
            Map<String, Boolean> hostModel = new LinkedHashMap<>();
            Set<String> features = new HashSet<>();
            for (String line : resourceLines("tcg-host-cpu.txt")) {
                String[] words = line.split(" ", 2);
                switch (words[0]) {
                    case "model" -> model = words[1];
                    case "require" -> hostModel.put(words[1], true);
                    case "disable" -> hostModel.put(words[1], false);
                    default -> features.add(words[1]);
                }
            }
            hostModel.forEach((name, on) -> {
                if (on) {
                    features.add(name);
                } else {
                    features.remove(name);
                }
            });
            return new TcgHost(model, hostModel, features);
        }
    }
}
