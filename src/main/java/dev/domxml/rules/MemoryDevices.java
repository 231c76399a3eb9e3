package dev.domxml.rules;

import dev.domxml.binding.Memory;
import dev.domxml.binding.MemoryDevice;
import dev.domxml.binding.MemoryDeviceSource;
import dev.domxml.binding.MemoryDeviceTarget;
import dev.domxml.model.MemoryHotplug;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code <devices><memory model='dimm'|'nvdimm'>}: hotplugged memory modules, checked and numbered the way
 * libvirt 9.0 does it. Each module needs {@code <maxMemory slots>}, guest NUMA cells and a target cell; its
 * size is rounded up to 2 MiB; modules without a {@code <address type='dimm'>} take the lowest slots the
 * others leave free, and a module is named after its slot (dimm0, nvdimm3).
 * <p>
 * The resolved device ("memory") has the settings {@code sizeKiB}, {@code node}, {@code slot} and, when
 * written, {@code base}, {@code labelKiB}, {@code alignKiB}; and the values {@code path}, {@code access},
 * {@code nodemask}, {@code pmem}, {@code readonly}, {@code discard}.
 */
final class MemoryDevices {
    /** pc-dimm and nvdimm sizes are whole multiples of this on x86 (libvirt's module alignment). */
    static final long MODULE_ALIGNMENT_KIB = 2048;
    private static final long MIN_LABEL_KIB = 128;
    private static final int MAX_HOST_NODE = 16383;

    private final DomainResolver resolver;
    private final List<MemoryDevice> written;

    MemoryDevices(DomainResolver resolver, List<MemoryDevice> written) {
        this.resolver = resolver;
        this.written = written;
    }

    /** The modules' sizes as written, which count towards the domain's total memory before any rounding. */
    long writtenKiB() {
        return written.stream().mapToLong(m -> size(m).orElse(0L)).sum();
    }

    private static Optional<Long> size(MemoryDevice module) {
        Memory size = module.target == null ? null : module.target.size;
        return size == null ? Optional.empty() : Values.kibibytes(size.value, size.unit);
    }

    /** The modules, or none after refusing what libvirt refuses. */
    List<ResolvedDevice> resolve(Optional<MemoryHotplug> hotplug, boolean maxMemoryWritten, int numaCells) {
        if (written.isEmpty()) {
            return List.of();
        }
        List<Draft> drafts = new ArrayList<>();
        for (MemoryDevice module : written) {
            draft(module).ifPresent(drafts::add);
        }
        if (drafts.size() < written.size()) {
            return List.of();
        }
        if (!maxMemoryWritten) {
            resolver.invalid(written.get(0), "cannot use/hotplug a memory device when domain 'maxMemory' is not defined");
            return List.of();
        }
        if (hotplug.isEmpty()) {
            return List.of(); // <maxMemory> itself was refused
        }
        int slots = hotplug.get().slots();
        if (!assignSlots(drafts, slots)) {
            return List.of();
        }
        List<ResolvedDevice> out = new ArrayList<>();
        Map<Integer, Draft> bySlot = new HashMap<>();
        Map<Long, Draft> byBase = new HashMap<>();
        for (Draft d : drafts) {
            if (d.slot >= slots) {
                resolver.invalid(d.xml, "memory device slot '" + d.slot + "' exceeds slots count '" + slots + "'");
                return List.of();
            }
            if (bySlot.putIfAbsent(d.slot, d) != null) {
                resolver.invalid(d.xml, "memory device slot '" + d.slot + "' is already being used by another memory device");
                return List.of();
            }
            if (d.base != 0 && byBase.putIfAbsent(d.base, d) != null) {
                resolver.invalid(d.xml, "memory device base '0x" + Long.toHexString(d.base)
                        + "' is already being used by another memory device");
                return List.of();
            }
            if (d.node.isEmpty()) {
                resolver.invalid(d.xml, "target NUMA node needs to be specified for memory device");
                return List.of();
            }
            if (d.node.getAsInt() >= numaCells) {
                resolver.invalid(d.xml, "can't add memory backend for guest node '" + d.node.getAsInt()
                        + "' as the guest has only '" + numaCells + "' NUMA nodes configured");
                return List.of();
            }
            out.add(d.resolved());
        }
        return List.copyOf(out);
    }

    /** A module as written: its slot is -1 until libvirt picks one. */
    private final class Draft {
        final MemoryDevice xml;
        final String model;
        final long sizeKiB;
        final OptionalInt node;
        int slot = -1;
        long base;
        final Map<String, Long> settings = new LinkedHashMap<>();
        final Map<String, String> values = new LinkedHashMap<>();

        Draft(MemoryDevice xml, String model, long sizeKiB, OptionalInt node) {
            this.xml = xml;
            this.model = model;
            this.sizeKiB = sizeKiB;
            this.node = node;
        }

        ResolvedDevice resolved() {
            Map<String, Long> all = new LinkedHashMap<>();
            all.put("sizeKiB", (sizeKiB + MODULE_ALIGNMENT_KIB - 1) / MODULE_ALIGNMENT_KIB * MODULE_ALIGNMENT_KIB);
            all.put("node", (long) node.getAsInt());
            all.put("slot", (long) slot);
            if (base != 0) {
                all.put("base", base);
            }
            all.putAll(settings);
            return new ResolvedDevice("memory", model, Optional.empty(), resolver.at(xml), Optional.empty(), all, values);
        }
    }

    private Optional<Draft> draft(MemoryDevice module) {
        String model = Values.text(module.model).orElse("");
        switch (model) {
            case "dimm", "nvdimm" -> { }
            case "virtio-mem", "virtio-pmem" -> {
                resolver.invalid(module, "memory model '" + model + "' is not supported by domxml yet (dimm, nvdimm)");
                return Optional.empty();
            }
            case "sgx-epc" -> {
                resolver.invalid(module, "sgx epc isn't supported by this QEMU binary");
                return Optional.empty();
            }
            default -> {
                resolver.invalid(module, "unknown memory model '" + model + "' (dimm, nvdimm)");
                return Optional.empty();
            }
        }
        boolean nvdimm = model.equals("nvdimm");
        Optional<Long> size = size(module);
        if (size.isEmpty()) {
            resolver.invalid(module.target != null ? module.target : module, "memory device needs a <target><size>");
            return Optional.empty();
        }
        OptionalInt node = module.target.node == null ? OptionalInt.empty()
                : resolver.optionalUnsigned(module.target, Values.text(module.target.node).orElse(""), "memory device target node");
        Draft draft = new Draft(module, model, size.get(), node);
        String access = Values.text(module.access).orElse("default");
        if (!Set.of("default", "shared", "private").contains(access)) {
            resolver.invalid(module, "unknown memory access mode '" + access + "' (shared, private)");
            return Optional.empty();
        }
        if (!access.equals("default")) {
            draft.values.put("access", access);
        }
        Optional<Boolean> discard = Values.onOff(module.discard);
        if (nvdimm && discard.orElse(false)) {
            resolver.invalid(module, "discard is not supported for nvdimms");
            return Optional.empty();
        }
        discard.ifPresent(d -> draft.values.put("discard", String.valueOf(d)));
        if (!source(module, draft, nvdimm) || !target(module, draft, nvdimm) || !address(module, draft)) {
            return Optional.empty();
        }
        return Optional.of(draft);
    }

    private boolean source(MemoryDevice module, Draft draft, boolean nvdimm) {
        MemoryDeviceSource source = module.source;
        Optional<String> path = source == null ? Optional.empty() : Values.text(source.path);
        if (nvdimm && path.isEmpty()) {
            resolver.invalid(module, "path is required for model 'nvdimm'");
            return false;
        }
        if (source == null) {
            return true;
        }
        if (source.pagesize != null) {
            resolver.invalid(source.pagesize, "a memory module of huge pages is backed from a hugetlbfs mount, which domxml"
                    + " does not write yet (libvirt: hugetlbfs filesystem is not mounted or disabled by administrator config)");
            return false;
        }
        path.ifPresent(p -> draft.values.put("path", p));
        if (source.nodemask != null) {
            Optional<List<Integer>> nodes = Values.bitmap(Values.text(source.nodemask).orElse(""), MAX_HOST_NODE);
            if (nodes.isEmpty() || nodes.get().isEmpty()) {
                resolver.invalid(source, "Invalid value of 'nodemask': " + source.nodemask);
                return false;
            }
            draft.values.put("nodemask", nodes.get().stream().map(String::valueOf).collect(Collectors.joining(",")));
        }
        if (source.alignsize != null) {
            Optional<Long> align = Values.kibibytes(source.alignsize.value, source.alignsize.unit);
            if (align.isEmpty()) {
                resolver.invalid(source.alignsize, "invalid memory module alignsize '" + source.alignsize.value + "'");
                return false;
            }
            draft.settings.put("alignKiB", align.get());
        }
        if (source.pmem != null) {
            draft.values.put("pmem", "true");
        }
        return true;
    }

    private boolean target(MemoryDevice module, Draft draft, boolean nvdimm) {
        MemoryDeviceTarget target = module.target;
        if (target.label != null && target.label.size != null) {
            Optional<Long> label = Values.kibibytes(target.label.size.value, target.label.size.unit);
            if (label.isEmpty()) {
                resolver.invalid(target.label, "invalid nvdimm label size '" + target.label.size.value + "'");
                return false;
            }
            if (label.get() < MIN_LABEL_KIB) {
                resolver.invalid(target.label, "nvdimm label must be at least 128KiB");
                return false;
            }
            if (label.get() >= draft.sizeKiB) {
                resolver.invalid(target.label, "label size must be smaller than NVDIMM size");
                return false;
            }
            draft.settings.put("labelKiB", label.get());
        }
        if (target.readonly != null) {
            if (!nvdimm) {
                resolver.invalid(target.readonly, "<readonly/> is only supported for nvdimms");
                return false;
            }
            draft.values.put("readonly", "true");
        }
        return true;
    }

    private boolean address(MemoryDevice module, Draft draft) {
        Optional<String> type = resolver.addressType(module.address);
        if (type.isEmpty()) {
            return module.address == null;
        }
        if (!type.get().equals("dimm")) {
            resolver.invalid(module.address, "only 'dimm' addresses are supported for the pc-dimm device");
            return false;
        }
        OptionalInt slot = resolver.optionalUnsigned(module.address, module.address.slot, "dimm slot");
        if (module.address.slot != null && slot.isEmpty()) {
            return false;
        }
        draft.slot = slot.orElse(0);
        if (module.address.base != null) {
            Optional<Long> base = Values.unsigned(module.address.base);
            if (base.isEmpty()) {
                resolver.invalid(module.address, "invalid dimm base '" + module.address.base + "'");
                return false;
            }
            draft.base = base.get();
        }
        return true;
    }

    /** libvirt keeps the written slots (those below the slot count) and gives the others the lowest free ones. */
    private boolean assignSlots(List<Draft> drafts, int slots) {
        BitSet taken = new BitSet(slots);
        drafts.stream().filter(d -> d.slot >= 0 && d.slot < slots).forEach(d -> taken.set(d.slot));
        for (Draft d : drafts) {
            if (d.slot < 0) {
                int next = taken.nextClearBit(0);
                if (next >= slots) {
                    resolver.invalid(d.xml, "failed to find an empty memory slot");
                    return false;
                }
                taken.set(next);
                d.slot = next;
            }
        }
        return true;
    }
}
