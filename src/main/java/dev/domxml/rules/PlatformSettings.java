package dev.domxml.rules;

import dev.domxml.binding.Controller;
import dev.domxml.binding.DefaultIoThread;
import dev.domxml.binding.Domain;
import dev.domxml.binding.OsAcpi;
import dev.domxml.model.IoThread;
import dev.domxml.model.Machine;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Settings of the machine as a whole that libvirt 9.0 writes as they are: the root bus's 64-bit PCI hole and
 * hotplug, TCG's translation block cache, the firmware's reboot timeout and SLIC table, and the thread pool
 * of QEMU's main loop ({@code <defaultiothread>}), where the I/O APIC is emulated, and KVM's dirty page ring.
 * Each is empty when the XML does not say it (the dirty ring also for a TCG domain, which has none).
 */
record PlatformSettings(Machine.PciRoot pciRoot, OptionalLong tbSizeMiB, OptionalInt rebootTimeoutMs,
        Optional<String> slicTable, Optional<IoThread> mainLoop, Optional<String> kernelIrqchip,
        OptionalInt dirtyRingEntries) {

    static final PlatformSettings NONE = new PlatformSettings(Machine.PciRoot.DEFAULT, OptionalLong.empty(),
            OptionalInt.empty(), Optional.empty(), Optional.empty(), Optional.empty(), OptionalInt.empty());

    /** The PCI controllers whose {@code <target hotplug>} libvirt takes; it refuses the attribute on the others. */
    private static final Set<String> HOTPLUG_MODELS = Set.of("pci-root", "pcie-root-port", "pcie-switch-downstream-port");
    private static final int MAX_REBOOT_TIMEOUT = 65535;

    static PlatformSettings resolve(DomainResolver resolver, Domain domain, List<ResolvedController> controllers) {
        return new PlatformSettings(pciRoot(resolver, controllers), tbSizeMiB(resolver, domain),
                rebootTimeout(resolver, domain), slicTable(resolver, domain), mainLoop(resolver, domain.defaultiothread),
                kernelIrqchip(resolver, domain), dirtyRing(resolver, domain));
    }

    private static final int MIN_DIRTY_RING = 1024;
    private static final int MAX_DIRTY_RING = 65536;

    /**
     * {@code <features><kvm><dirty-ring state='on' size>}: KVM tracks dirty pages in a ring of that many entries
     * ({@code -accel kvm,dirty-ring-size}), a power of two from 1024 to 65536; TCG has no such ring.
     */
    private static OptionalInt dirtyRing(DomainResolver resolver, Domain domain) {
        Optional<org.w3c.dom.Element> ring = (domain.features == null ? Optional.<org.w3c.dom.Element>empty()
                : DomainResolver.child(domain.features, "kvm")).flatMap(kvm -> DomainResolver.child(kvm, "dirty-ring"));
        if (ring.isEmpty() || !Values.onOff(ring.get().getAttribute("state")).orElse(false)) {
            return OptionalInt.empty();
        }
        if (!ring.get().hasAttribute("size")) {
            resolver.invalid(domain.features, "Missing required attribute 'size' in element 'dirty-ring'");
            return OptionalInt.empty();
        }
        String size = ring.get().getAttribute("size");
        Optional<Long> entries = size.matches("[0-9]+") ? Values.unsigned(size) : Optional.empty();
        if (entries.isEmpty()) {
            resolver.invalid(domain.features, "Invalid value for attribute 'size' in element 'dirty-ring': '" + size
                    + "'. Expected non-negative integer value");
            return OptionalInt.empty();
        }
        long n = entries.get();
        if (Long.bitCount(n) != 1 || n < MIN_DIRTY_RING || n > MAX_DIRTY_RING) {
            resolver.invalid(domain.features, "dirty ring must be power of 2 and ranges [1024, 65536]");
            return OptionalInt.empty();
        }
        // checked on any domain, written for KVM only: TCG has no dirty page ring
        return Values.text(domain.type).filter("kvm"::equals).isPresent() ? OptionalInt.of((int) n) : OptionalInt.empty();
    }

    /**
     * {@code <features><ioapic driver>}: the I/O APIC emulated in QEMU ({@code kernel_irqchip=split}, which an
     * Intel IOMMU's interrupt remapping needs) or in KVM ({@code kernel_irqchip=on}); none written without a driver.
     */
    private static Optional<String> kernelIrqchip(DomainResolver resolver, Domain domain) {
        Optional<org.w3c.dom.Element> ioapic = domain.features == null ? Optional.empty()
                : DomainResolver.child(domain.features, "ioapic");
        if (ioapic.isEmpty() || !ioapic.get().hasAttribute("driver")) {
            return Optional.empty();
        }
        String driver = ioapic.get().getAttribute("driver");
        return switch (driver) {
            case "qemu" -> Optional.of("split");
            case "kvm" -> Optional.of("on");
            default -> {
                resolver.invalid(domain.features, "Invalid value for attribute 'driver' in element 'ioapic': '" + driver
                        + (driver.equals("none") ? "'. Expected non-zero value" : "'."));
                yield Optional.empty();
            }
        };
    }

    /** pci-hole64-size of a pci-root or pcie-root (libvirt ignores it on other models), hotplug of pci-root. */
    private static Machine.PciRoot pciRoot(DomainResolver resolver, List<ResolvedController> controllers) {
        OptionalLong hole64 = OptionalLong.empty();
        Optional<Boolean> hotplug = Optional.empty();
        for (ResolvedController c : controllers) {
            if (!c.is("pci") || c.xml().isEmpty()) {
                continue;
            }
            Controller xml = c.xml().get();
            boolean root = c.model().equals("pci-root") || c.model().equals("pcie-root");
            if (root && xml.pcihole64 != null) {
                Optional<Long> kib = Values.kibibytes(xml.pcihole64.value, xml.pcihole64.unit);
                if (kib.isEmpty()) {
                    resolver.invalid(xml.pcihole64, "invalid pcihole64 size '" + xml.pcihole64.value + "'");
                } else {
                    hole64 = OptionalLong.of(kib.get());
                }
            }
            if (c.pciTarget().hotplug().isEmpty()) {
                continue;
            }
            if (!HOTPLUG_MODELS.contains(c.model())) {
                String modelName = xml.modelName != null && xml.modelName.name != null ? xml.modelName.name
                        : PciControllerModel.fromXml(c.model()).map(PciControllerModel::qemuDriver).filter(n -> !n.isEmpty())
                                .orElse("none");
                resolver.invalid(xml.target, "Option 'hotplug' is not valid for PCI controller with index '" + c.index()
                        + "', model '" + c.model() + "' and modelName '" + modelName + "'");
            } else if (c.model().equals("pci-root")) {
                hotplug = c.pciTarget().hotplug();
            }
        }
        return new Machine.PciRoot(hole64, hotplug);
    }

    /** {@code <tcg><tb-cache>}: KiB unless a unit says otherwise, given to QEMU in whole MiB; 0 leaves QEMU's default. */
    private static OptionalLong tbSizeMiB(DomainResolver resolver, Domain domain) {
        if (domain.features == null || domain.features.tcg == null || domain.features.tcg.tbCache == null) {
            return OptionalLong.empty();
        }
        var cache = domain.features.tcg.tbCache;
        Optional<Long> kib = Values.kibibytes(cache.value, cache.unit);
        if (kib.isEmpty()) {
            resolver.invalid(cache, "invalid tb-cache size '" + cache.value + "'");
            return OptionalLong.empty();
        }
        if (kib.get() % 1024 != 0) {
            resolver.invalid(cache, "tb-cache size must be an integer multiple of MiB");
            return OptionalLong.empty();
        }
        return kib.get() == 0 ? OptionalLong.empty() : OptionalLong.of(kib.get() / 1024);
    }

    /** {@code <bios rebootTimeout>}: milliseconds, or -1 for never. */
    private static OptionalInt rebootTimeout(DomainResolver resolver, Domain domain) {
        if (domain.os == null || domain.os.bios == null || domain.os.bios.rebootTimeout == null) {
            return OptionalInt.empty();
        }
        String written = domain.os.bios.rebootTimeout.trim();
        try {
            int ms = Integer.parseInt(written);
            if (ms >= -1 && ms <= MAX_REBOOT_TIMEOUT) {
                return OptionalInt.of(ms);
            }
        } catch (NumberFormatException e) {
            // reported below, as libvirt does for any value outside its range
        }
        resolver.invalid(domain.os.bios, "invalid value for rebootTimeout, must be in range [-1," + MAX_REBOOT_TIMEOUT + "]");
        return OptionalInt.empty();
    }

    /** {@code <os><acpi><table type='slic'>}: libvirt 9.0 takes one table, of that type. */
    private static Optional<String> slicTable(DomainResolver resolver, Domain domain) {
        if (domain.os == null || domain.os.acpi == null || domain.os.acpi.tables.isEmpty()) {
            return Optional.empty();
        }
        List<OsAcpi.Table> tables = domain.os.acpi.tables;
        if (tables.size() > 1) {
            resolver.invalid(tables.get(1), "Only one acpi table is supported");
            return Optional.empty();
        }
        OsAcpi.Table table = tables.get(0);
        if (!"slic".equals(Values.text(table.type).orElse(""))) {
            resolver.invalid(table, "unknown acpi table type '" + Values.text(table.type).orElse("") + "' (slic)");
            return Optional.empty();
        }
        Optional<String> file = Values.text(table.file);
        if (file.isEmpty()) {
            resolver.invalid(table, "missing acpi table file");
        }
        return file;
    }

    /**
     * {@code <defaultiothread>}: libvirt counts an unwritten size as -1, so a minimum needs a maximum at least as
     * large, and a maximum must not be 0; with neither there is no main-loop object.
     */
    private static Optional<IoThread> mainLoop(DomainResolver resolver, DefaultIoThread written) {
        if (written == null) {
            return Optional.empty();
        }
        OptionalInt min = resolver.optionalUnsigned(written, written.threadPoolMin, "thread_pool_min");
        OptionalInt max = resolver.optionalUnsigned(written, written.threadPoolMax, "thread_pool_max");
        if (max.isPresent() && max.getAsInt() == 0) {
            resolver.invalid(written, "thread_pool_max must be a positive integer");
            return Optional.empty();
        }
        if (min.orElse(-1) > max.orElse(-1)) {
            resolver.invalid(written, "thread_pool_min must be smaller or equal to thread_pool_max");
            return Optional.empty();
        }
        return min.isEmpty() && max.isEmpty() ? Optional.empty() : Optional.of(new IoThread("main-loop", min, max));
    }
}
