package dev.domxml.rules;

import dev.domxml.binding.Numa;
import dev.domxml.binding.NumaCache;
import dev.domxml.binding.NumaCell;
import dev.domxml.binding.NumaInterconnect;
import dev.domxml.model.Machine;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The guest's HMAT from {@code <numa>}: each cell's {@code <cache>} and the {@code <interconnects>}, checked as
 * libvirt 9.0 checks them. libvirt 9.0 reads a cache's {@code <size>} in KiB and its {@code <line>} in bytes
 * whatever unit they name (it looks for a unit element, not the attribute); a bandwidth's unit counts.
 */
final class NumaHmat {
    private static final Map<String, String> ASSOCIATIVITY = Map.of("none", "none", "direct", "direct", "full", "complex");
    private static final Map<String, String> POLICY = Map.of("none", "none", "writeback", "write-back",
            "writethrough", "write-through");
    private static final int MAX_CACHE_LEVEL = 3;

    private NumaHmat() {}

    /** The HMAT of the cells (by id), or none after refusing what libvirt refuses. */
    static Optional<Machine.Hmat> resolve(DomainResolver resolver, Numa numa, List<ResolvedNumaCell> cells) {
        if (numa == null || cells.isEmpty()) {
            return Optional.of(Machine.Hmat.NONE);
        }
        List<Machine.Hmat.Cache> caches = new ArrayList<>();
        for (int i = 0; i < numa.cells.size(); i++) {
            NumaCell cell = numa.cells.get(i);
            int node = cell.id == null ? i : Values.unsigned(cell.id).orElseThrow().intValue();
            List<Integer> levels = new ArrayList<>();
            for (NumaCache cache : cell.caches) {
                Optional<Machine.Hmat.Cache> resolved = cache(resolver, node, cache, levels);
                if (resolved.isEmpty()) {
                    return Optional.empty();
                }
                caches.add(resolved.get());
            }
        }
        caches.sort(Comparator.comparingInt(Machine.Hmat.Cache::node)); // stable: each node's in the order written
        List<Machine.Hmat.Link> links = new ArrayList<>();
        for (NumaInterconnect written : numa.interconnects == null ? List.<NumaInterconnect>of() : numa.interconnects) {
            Optional<Machine.Hmat.Link> link = link(resolver, written, cells, caches, links);
            if (link.isEmpty()) {
                return Optional.empty();
            }
            links.add(link.get());
        }
        return Optional.of(new Machine.Hmat(links, caches));
    }

    private static Optional<Machine.Hmat.Cache> cache(DomainResolver resolver, int node, NumaCache cache,
            List<Integer> levels) {
        Optional<Long> level = Values.unsigned(cache.level);
        String associativity = ASSOCIATIVITY.get(Values.text(cache.associativity).orElse(""));
        String policy = POLICY.get(Values.text(cache.policy).orElse(""));
        Optional<Long> size = cache.size == null ? Optional.empty() : Values.unsigned(cache.size.value);
        Optional<Long> line = cache.line == null ? Optional.empty() : Values.unsigned(cache.line.value);
        if (level.isEmpty() || level.get() == 0 || associativity == null || policy == null || size.isEmpty()
                || line.isEmpty()) {
            resolver.invalid(cache, "NUMA cell " + node + ": a <cache> needs a level from 1, associativity (none, direct,"
                    + " full), policy (none, writeback, writethrough), <size> and <line>");
            return Optional.empty();
        }
        if (level.get() > MAX_CACHE_LEVEL) {
            resolver.invalid(cache, "Ain't nobody heard of that much cache level");
            return Optional.empty();
        }
        if (levels.contains(level.get().intValue())) {
            resolver.invalid(cache, "Cache level '" + level.get() + "' already defined");
            return Optional.empty();
        }
        levels.add(level.get().intValue());
        return Optional.of(new Machine.Hmat.Cache(node, level.get().intValue(), size.get(), associativity, policy, line.get()));
    }

    private static Optional<Machine.Hmat.Link> link(DomainResolver resolver, NumaInterconnect written,
            List<ResolvedNumaCell> cells, List<Machine.Hmat.Cache> caches, List<Machine.Hmat.Link> earlier) {
        boolean latency = written instanceof NumaInterconnect.Latency;
        Optional<Long> initiator = Values.unsigned(written.initiator);
        Optional<Long> target = Values.unsigned(written.target);
        Optional<Long> cache = written.cache == null ? Optional.of(0L) : Values.unsigned(written.cache);
        String access = Values.text(written.type).orElse("");
        Optional<Long> value = latency ? Values.unsigned(written.value) : Values.kibibytes(written.value, written.unit);
        if (initiator.isEmpty() || target.isEmpty() || cache.isEmpty() || value.isEmpty()
                || !List.of("access", "read", "write").contains(access)) {
            resolver.invalid(written, "a NUMA " + (latency ? "latency" : "bandwidth") + " needs an initiator and a target"
                    + " cell, a type (access, read, write) and a value" + (latency ? "" : " with its unit"));
            return Optional.empty();
        }
        if (initiator.get() >= cells.size()) {
            resolver.invalid(written, "'initiator' refers to a non-existent NUMA node");
            return Optional.empty();
        }
        if (target.get() >= cells.size()) {
            resolver.invalid(written, "'target' refers to a non-existent NUMA node");
            return Optional.empty();
        }
        if (cells.get(initiator.get().intValue()).cpus().isEmpty()) {
            resolver.invalid(written, "NUMA nodes without CPUs can't be initiator");
            return Optional.empty();
        }
        if (cache.get() > 0 && caches.stream().noneMatch(c -> c.node() == target.get() && c.level() == cache.get())) {
            resolver.invalid(written, "'cache' refers to a non-existent NUMA node cache");
            return Optional.empty();
        }
        Machine.Hmat.Link link = new Machine.Hmat.Link(initiator.get().intValue(), target.get().intValue(),
                cache.get().intValue(), access, latency, value.get());
        for (Machine.Hmat.Link before : earlier) {
            if (before.latency() == latency && before.initiator() == link.initiator() && before.target() == link.target()
                    && before.level() == link.level() && before.access().equals(access)) {
                resolver.invalid(written, "Duplicate info for NUMA latencies");
                return Optional.empty();
            }
            // one direction of a pair of nodes only, whatever its kind
            if (link.initiator() != link.target() && link.initiator() == before.target()
                    && link.target() == before.initiator()) {
                resolver.invalid(written, "Link already defined");
                return Optional.empty();
            }
        }
        return Optional.of(link);
    }

    /**
     * The node whose CPUs count as nearest to a node's memory: itself when it has vCPUs, else the initiator of
     * its lowest latency, else of its highest bandwidth (the first written on a tie), else the first node with vCPUs.
     */
    static OptionalInt initiator(Machine.Hmat hmat, List<ResolvedNumaCell> cells, ResolvedNumaCell cell) {
        if (!hmat.on()) {
            return OptionalInt.empty();
        }
        if (!cell.cpus().isEmpty()) {
            return OptionalInt.of(cell.id());
        }
        Optional<Machine.Hmat.Link> fastest = hmat.links().stream().filter(l -> l.target() == cell.id() && l.latency())
                .reduce((a, b) -> b.value() < a.value() ? b : a);
        Optional<Machine.Hmat.Link> widest = hmat.links().stream()
                .filter(l -> l.target() == cell.id() && !l.latency() && l.value() > 0)
                .reduce((a, b) -> b.value() > a.value() ? b : a);
        return OptionalInt.of(fastest.or(() -> widest).map(Machine.Hmat.Link::initiator)
                .orElseGet(() -> cells.stream().filter(c -> !c.cpus().isEmpty()).mapToInt(ResolvedNumaCell::id).findFirst()
                        .orElse(0)));
    }
}
