package dev.domxml.rules;

import dev.domxml.report.SourcePosition;
import java.util.List;
import java.util.Optional;

/**
 * A guest NUMA cell: its id, its vCPUs in ascending order, its memory, its distance to each cell
 * by id (empty when every distance is the default), and its own memory access mode and discard when written.
 */
public record ResolvedNumaCell(int id, List<Integer> cpus, long memoryKiB, List<Integer> distances,
        Optional<SourcePosition> position, Optional<String> memAccess, Optional<Boolean> discard) {
    public ResolvedNumaCell {
        cpus = List.copyOf(cpus);
        distances = List.copyOf(distances);
    }

    ResolvedNumaCell withDistances(List<Integer> row) {
        return new ResolvedNumaCell(id, cpus, memoryKiB, row, position, memAccess, discard);
    }
}
