package dev.domxml.rules;

import dev.domxml.report.SourcePosition;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where guest memory lives on the host, as libvirt resolves {@code <numatune>} and
 * {@code <memoryBacking><hugepages>}: host NUMA nodes for all memory and per guest cell, whether
 * numad is to choose them at start-up, and the huge page sizes asked for.
 */
public record ResolvedMemoryTuning(
        Optional<HostNodes> memory,
        Map<Integer, HostNodes> cells,
        Optional<SourcePosition> automaticPlacement,
        List<HugePage> hugePages) {

    public static final ResolvedMemoryTuning NONE = new ResolvedMemoryTuning(Optional.empty(), Map.of(), Optional.empty(),
            List.of());

    public ResolvedMemoryTuning {
        cells = Map.copyOf(cells);
        hugePages = List.copyOf(hugePages);
    }

    /** Host NUMA nodes and the mode memory is bound to them with. */
    public record HostNodes(List<Integer> nodes, NumaMemoryMode mode, Optional<SourcePosition> position) {
        public HostNodes {
            nodes = List.copyOf(nodes);
        }
    }

    /** A huge page size in KiB (0: the host's default), for the listed guest cells or, when none, for all. */
    public record HugePage(long sizeKiB, List<Integer> cells, Optional<SourcePosition> position) {
        public HugePage {
            cells = List.copyOf(cells);
        }
    }

    /** The host nodes of a guest cell's memory (-1: memory without guest NUMA cells). */
    public Optional<HostNodes> hostNodesOf(int cell) {
        HostNodes own = cells.get(cell);
        return own != null ? Optional.of(own) : memory;
    }
}
