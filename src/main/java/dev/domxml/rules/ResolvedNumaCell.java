package dev.domxml.rules;

import dev.domxml.report.SourcePosition;
import java.util.List;
import java.util.Optional;

/** A guest NUMA cell: its id, its vCPUs in ascending order, its memory. */
public record ResolvedNumaCell(int id, List<Integer> cpus, long memoryKiB, Optional<SourcePosition> position) {
    public ResolvedNumaCell {
        cpus = List.copyOf(cpus);
    }
}
