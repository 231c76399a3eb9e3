package dev.domxml.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A guest NUMA node ({@code -numa node}): its vCPUs and the memory backend of its own share of RAM,
 * bound to host NUMA nodes or not, and its distance to each node by id (empty: QEMU's defaults); with an
 * HMAT, the node whose CPUs reach its memory best ({@code initiator}).
 */
public record NumaNode(int id, List<Integer> cpus, long memoryBytes, Optional<HostMemoryPolicy> hostPolicy,
        List<Integer> distances, RamBacking backing, OptionalInt initiator) {
    public NumaNode {
        cpus = List.copyOf(cpus);
        distances = List.copyOf(distances);
    }

    public String memdev() {
        return "ram-node" + id;
    }

    /** QEMU's {@code -numa node} value: one {@code cpus=} key per run of consecutive vCPUs. */
    public String option() {
        StringBuilder out = new StringBuilder("node,nodeid=" + id);
        for (int[] run : runs()) {
            out.append(",cpus=").append(run[0]);
            if (run[1] > run[0]) {
                out.append('-').append(run[1]);
            }
        }
        initiator.ifPresent(node -> out.append(",initiator=").append(node));
        return out.append(",memdev=").append(memdev()).toString();
    }

    private List<int[]> runs() {
        List<int[]> runs = new ArrayList<>();
        for (int cpu : cpus) {
            if (!runs.isEmpty() && runs.get(runs.size() - 1)[1] == cpu - 1) {
                runs.get(runs.size() - 1)[1] = cpu;
            } else {
                runs.add(new int[] {cpu, cpu});
            }
        }
        return runs;
    }
}
