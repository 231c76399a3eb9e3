package dev.domxml.rules;

import dev.domxml.report.SourcePosition;
import java.util.List;
import java.util.Optional;

/**
 * A guest NUMA cell: its id, its vCPUs in ascending order, its memory, and its distance to each cell
 * by id (empty when every distance is the default).
 */
public record ResolvedNumaCell(int id, List<Integer> cpus, long memoryKiB, List<Integer> distances,
        Optional<SourcePosition> position) {
    public ResolvedNumaCell {
        cpus = List.copyOf(cpus);
        distances = List.copyOf(distances);
    }

    ResolvedNumaCell withDistances(List<Integer> row) {
        return new ResolvedNumaCell(id, cpus, memoryKiB, row, position);
    }
}
