package dev.domxml.rules;

import dev.domxml.binding.Domain;
import dev.domxml.binding.HugePage;
import dev.domxml.binding.NumatuneMemnode;
import dev.domxml.binding.NumatuneMemory;
import dev.domxml.report.SourcePosition;
import dev.domxml.rules.ResolvedMemoryTuning.HostNodes;
import dev.domxml.xml.DomainDocument;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code <numatune>} and {@code <memoryBacking><hugepages>} the way libvirt 9.0 parses and validates
 * them (numa_conf.c, domain_validate.c): defaults, placement, and what is refused whatever the host.
 */
final class MemoryTuningResolver {
    /** libvirt parses node sets into bitmaps of this many bits (VIR_DOMAIN_CPUMASK_LEN). */
    private static final int MAX_NODE_ID = 16383;

    private final DomainDocument document;
    private final Findings findings;
    private boolean failed;

    MemoryTuningResolver(DomainDocument document, Findings findings) {
        this.document = document;
        this.findings = findings;
    }

    /** The resolved tuning, or empty after reporting why libvirt refuses it. */
    Optional<ResolvedMemoryTuning> resolve(Domain domain, List<ResolvedNumaCell> cells) {
        Optional<HostNodes> memory = Optional.empty();
        Optional<SourcePosition> automatic = Optional.empty();
        NumatuneMemory written = domain.numatune == null ? null : domain.numatune.memory;
        boolean vcpusPlacedStatically = domain.vcpu == null || !"auto".equals(Values.text(domain.vcpu.placement).orElse(""));

        NumaMemoryMode mode = null;
        String placement = vcpusPlacedStatically || written != null ? null : "auto";
        List<Integer> nodeset = null;
        if (written != null) {
            if (written.mode != null) {
                mode = NumaMemoryMode.ofXml(written.mode).orElse(null);
                if (mode == null) {
                    return fail(written, "Unsupported NUMA memory tuning mode '" + written.mode + "'");
                }
            }
            if (written.placement != null) {
                if (!written.placement.equals("static") && !written.placement.equals("auto")) {
                    return fail(written, "Unsupported NUMA memory placement mode '" + written.placement + "'");
                }
                placement = written.placement;
            }
            if (written.nodeset != null) {
                nodeset = nodeset(written, written.nodeset);
                if (nodeset == null) {
                    return Optional.empty();
                }
            }
        }
        boolean specified = mode != null || placement != null || nodeset != null;
        Object memoryElement = written != null ? written : domain.vcpu;
        if (specified) {
            if (placement == null) {
                placement = nodeset != null || vcpusPlacedStatically ? "static" : "auto";
            }
            if (placement.equals("static") && nodeset == null) {
                return fail(memoryElement, "nodeset for NUMA memory tuning must be set if 'placement' is 'static'");
            }
            if (placement.equals("auto")) {
                automatic = at(memoryElement); // a nodeset written beside placement='auto' is dropped, as libvirt does
            } else {
                memory = Optional.of(new HostNodes(nodeset, mode == null ? NumaMemoryMode.STRICT : mode, at(written)));
            }
        }
        Map<Integer, HostNodes> perCell = memnodes(domain, cells, automatic.isPresent(),
                memory.map(HostNodes::mode).orElse(NumaMemoryMode.STRICT));
        List<ResolvedMemoryTuning.HugePage> hugePages = hugePages(domain, cells.size());
        if (failed) {
            return Optional.empty();
        }
        return Optional.of(new ResolvedMemoryTuning(memory, perCell, automatic, hugePages));
    }

    private Map<Integer, HostNodes> memnodes(Domain domain, List<ResolvedNumaCell> cells, boolean automatic,
            NumaMemoryMode memoryMode) {
        Map<Integer, HostNodes> perCell = new HashMap<>();
        if (domain.numatune == null || domain.numatune.memnodes.isEmpty()) {
            return perCell;
        }
        NumatuneMemnode first = domain.numatune.memnodes.get(0);
        if (automatic) {
            fail(first, "Per-node binding is not compatible with automatic NUMA placement.");
            return perCell;
        }
        if (cells.isEmpty()) {
            fail(first, "Element 'memnode' is invalid without any guest NUMA cells");
            return perCell;
        }
        for (NumatuneMemnode memnode : domain.numatune.memnodes) {
            Optional<Long> cellId = memnode.cellid == null ? Optional.empty() : Values.unsigned(memnode.cellid);
            if (cellId.isEmpty()) {
                fail(memnode, "<memnode> needs a cellid, a guest NUMA cell number (cellid='" + memnode.cellid + "')");
                return perCell;
            }
            if (cellId.get() >= cells.size()) {
                fail(memnode, "Argument 'cellid' in memnode element must correspond to existing guest's NUMA cell");
                return perCell;
            }
            int cell = cellId.get().intValue();
            if (perCell.containsKey(cell)) {
                fail(memnode, "Multiple memnode elements with cellid " + cell);
                return perCell;
            }
            NumaMemoryMode mode = memnode.mode == null ? NumaMemoryMode.STRICT : NumaMemoryMode.ofXml(memnode.mode).orElse(null);
            if (mode == null) {
                fail(memnode, "Unsupported NUMA memory tuning mode '" + memnode.mode + "' in <memnode>");
                return perCell;
            }
            if (memoryMode == NumaMemoryMode.RESTRICTIVE && mode != NumaMemoryMode.RESTRICTIVE) {
                fail(memnode, "'restrictive' mode is required in memnode element when mode is 'restrictive' in memory element");
                return perCell;
            }
            if (memnode.nodeset == null) {
                fail(memnode, "Missing required nodeset attribute in memnode element");
                return perCell;
            }
            List<Integer> nodes = nodeset(memnode, memnode.nodeset);
            if (nodes == null) {
                return perCell;
            }
            perCell.put(cell, new HostNodes(nodes, mode, at(memnode)));
        }
        return perCell;
    }

    private List<ResolvedMemoryTuning.HugePage> hugePages(Domain domain, int cellCount) {
        if (domain.memoryBacking == null || domain.memoryBacking.hugepages == null) {
            return List.of();
        }
        List<HugePage> written = domain.memoryBacking.hugepages.pages;
        if (written.isEmpty()) {
            return List.of(new ResolvedMemoryTuning.HugePage(0, List.of(), at(domain.memoryBacking.hugepages)));
        }
        List<ResolvedMemoryTuning.HugePage> pages = new ArrayList<>();
        for (HugePage page : written) {
            Optional<Long> size = page.size == null ? Optional.empty() : Values.kibibytes(page.size, page.unit);
            if (size.isEmpty()) {
                fail(page, "<page> needs a size (size='" + page.size + "' unit='" + page.unit + "')");
                return List.of();
            }
            if (size.get() == 0) {
                fail(page, "hugepage size can't be zero");
                return List.of();
            }
            List<Integer> nodes = List.of();
            if (page.nodeset != null) {
                nodes = nodeset(page, page.nodeset);
                if (nodes == null) {
                    return List.of();
                }
                if (cellCount == 0 && nodes.equals(List.of(0))) {
                    nodes = List.of(); // without guest NUMA, node 0 is all of memory: libvirt drops the nodeset
                }
            }
            ResolvedMemoryTuning.HugePage resolved = new ResolvedMemoryTuning.HugePage(size.get(), nodes, at(page));
            for (ResolvedMemoryTuning.HugePage earlier : pages) {
                if (!earlier.cells().isEmpty() && earlier.cells().stream().anyMatch(nodes::contains)) {
                    fail(page, "nodeset attribute of hugepages of sizes " + resolved.sizeKiB() + " and "
                            + earlier.sizeKiB() + " intersect");
                    return List.of();
                }
                if (earlier.cells().isEmpty() && nodes.isEmpty()) {
                    fail(page, "two master hugepages detected: " + resolved.sizeKiB() + " and " + earlier.sizeKiB());
                    return List.of();
                }
            }
            Optional<Integer> missing = nodes.stream().filter(node -> node >= cellCount).findFirst();
            if (missing.isPresent()) {
                fail(page, "hugepages: node " + missing.get() + " not found");
                return List.of();
            }
            pages.add(resolved);
        }
        return pages;
    }

    /** A node set, or null after reporting it; libvirt refuses one that names no node. */
    private List<Integer> nodeset(Object element, String text) {
        Optional<List<Integer>> nodes = Values.bitmap(text, MAX_NODE_ID);
        if (nodes.isEmpty()) {
            fail(element, "nodeset='" + text + "' is not a list of host NUMA node ids and ranges");
            return null;
        }
        if (nodes.get().isEmpty()) {
            fail(element, "Invalid value of 'nodeset': " + text);
            return null;
        }
        return nodes.get();
    }

    private Optional<SourcePosition> at(Object bound) {
        return document.positionOrDomain(bound);
    }

    private <T> Optional<T> fail(Object where, String message) {
        failed = true;
        findings.error(DomainResolver.RULE_ID, message, at(where));
        return Optional.empty();
    }
}
