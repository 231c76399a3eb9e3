package dev.domxml.rules;

import dev.domxml.binding.Cputune;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * libvirt's checks of {@code <cputune>}: pins and schedulers name vCPUs and I/O threads the guest has,
 * each at most once, and CFS periods and quotas are in the kernel's range. Nothing here reaches QEMU.
 */
final class CpuTune {
    private static final long MIN_PERIOD = 1000;
    private static final long MAX_PERIOD = 1_000_000;
    private static final long MIN_QUOTA = 1000;
    private static final long MAX_QUOTA = 17_592_186_044_415L;
    /** libvirt's cpuset bitmaps go up to this many host CPUs. */
    private static final int CPUMASK_LEN = 16384;

    private final DomainResolver resolver;

    private CpuTune(DomainResolver resolver) {
        this.resolver = resolver;
    }

    static void check(DomainResolver resolver, Cputune tune, int maxVcpus, Set<Integer> iothreadIds) {
        if (tune != null) {
            new CpuTune(resolver).check(tune, maxVcpus, iothreadIds);
        }
    }

    private void check(Cputune tune, int maxVcpus, Set<Integer> iothreadIds) {
        period(tune, "period", tune.period);
        period(tune, "global_period", tune.globalPeriod);
        period(tune, "emulator_period", tune.emulatorPeriod);
        period(tune, "iothread_period", tune.iothreadPeriod);
        quota(tune, "quota", tune.quota);
        quota(tune, "global_quota", tune.globalQuota);
        quota(tune, "emulator_quota", tune.emulatorQuota);
        quota(tune, "iothread_quota", tune.iothreadQuota);

        Set<Long> pinnedVcpus = new HashSet<>();
        for (Cputune.Pin pin : tune.vcpuPins) {
            // a pin of a vCPU past the maximum is dropped with a warning, not refused
            Optional<Long> vcpu = Values.unsigned(pin.vcpu);
            if (vcpu.isPresent() && vcpu.get() < maxVcpus && !pinnedVcpus.add(vcpu.get())) {
                resolver.invalid(pin, "duplicate vcpupin for vcpu '" + vcpu.get() + "'");
            }
            cpuset(pin);
        }
        if (tune.emulatorPins.size() > 1) {
            resolver.invalid(tune.emulatorPins.get(1), "only one emulatorpin is supported");
        }
        tune.emulatorPins.forEach(this::cpuset);
        Set<Long> pinnedThreads = new HashSet<>();
        for (Cputune.Pin pin : tune.iothreadPins) {
            Optional<Long> id = Values.unsigned(pin.iothread);
            if (id.isPresent() && !iothreadIds.contains(id.get().intValue())) {
                resolver.invalid(pin, "Cannot find 'iothread' : " + id.get());
            } else if (id.isPresent() && !pinnedThreads.add(id.get())) {
                resolver.invalid(pin, "duplicate iothreadpin for same iothread '" + id.get() + "'");
            }
            cpuset(pin);
        }
        schedulers(tune.vcpuScheds, "vcpusched", "vcpus", s -> s.vcpus, id -> {
            if (id >= maxVcpus) {
                return Optional.of("vCPU '" + id + "' is not present in domain definition");
            }
            return Optional.empty();
        });
        schedulers(tune.iothreadScheds, "iothreadsched", "iothreads", s -> s.iothreads,
                id -> iothreadIds.contains(id) ? Optional.empty() : Optional.of("Cannot find 'iothread' : " + id));
    }

    private void period(Cputune tune, String name, String text) {
        Values.text(text).flatMap(Values::unsigned).filter(p -> p != 0 && (p < MIN_PERIOD || p > MAX_PERIOD))
                .ifPresent(p -> resolver.invalid(tune, "Value of cputune '" + name + "' must be in range ["
                        + MIN_PERIOD + ", " + MAX_PERIOD + "]"));
    }

    /** A negative quota means no limit. */
    private void quota(Cputune tune, String name, String text) {
        Optional<String> written = Values.text(text);
        if (written.isEmpty() || written.get().startsWith("-")) {
            return;
        }
        Values.unsigned(written.get()).filter(q -> q != 0 && (q < MIN_QUOTA || q > MAX_QUOTA))
                .ifPresent(q -> resolver.invalid(tune, "Value of cputune '" + name + "' must be in range ["
                        + MIN_QUOTA + ", " + MAX_QUOTA + "]"));
    }

    private void cpuset(Cputune.Pin pin) {
        Values.text(pin.cpuset).ifPresent(cpuset -> {
            if (Values.bitmap(cpuset, CPUMASK_LEN - 1).filter(ids -> !ids.isEmpty()).isEmpty()) {
                resolver.invalid(pin, "Invalid value of 'cpuset': " + cpuset);
            }
        });
    }

    private void schedulers(List<Cputune.Sched> scheds, String element, String attribute,
            Function<Cputune.Sched, String> ids, Function<Integer, Optional<String>> missing) {
        Set<Integer> taken = new HashSet<>();
        for (Cputune.Sched sched : scheds) {
            String scheduler = Values.text(sched.scheduler).orElse("");
            if ((scheduler.equals("fifo") || scheduler.equals("rr")) && Values.text(sched.priority).isEmpty()) {
                resolver.invalid(sched, "Missing required attribute 'priority' in element '" + element + "'");
                continue;
            }
            Optional<List<Integer>> set = Values.text(ids.apply(sched)).flatMap(text -> Values.bitmap(text, CPUMASK_LEN - 1));
            if (set.isEmpty()) {
                resolver.invalid(sched, "Invalid value of '" + attribute + "': " + ids.apply(sched));
                continue;
            }
            for (int id : set.get()) {
                Optional<String> problem = missing.apply(id);
                if (problem.isPresent()) {
                    resolver.invalid(sched, problem.get());
                    return;
                }
                if (!taken.add(id)) {
                    resolver.invalid(sched, "'" + element + "' attributes '" + attribute + "' must not overlap");
                    return;
                }
            }
        }
    }
}
