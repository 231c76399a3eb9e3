package dev.domxml.rules;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The host CPU's features as a KVM guest sees them, which libvirt compares a custom CPU model with: the flags
 * the kernel reports (/proc/cpuinfo, read when a domain first needs them) and what KVM provides whatever the CPU.
 */
public final class HostCpu {
    /** A host taken to have every feature: nothing is checked. */
    public static final HostCpu ANY = new HostCpu(Optional::empty);

    /**
     * Features a KVM guest has whatever the host CPU says: KVM emulates them (the x2APIC, the TSC deadline
     * timer, TSC_ADJUST, the ARCH_CAPABILITIES MSR and the bits libvirt reads from it) or QEMU sets them.
     */
    private static final Set<String> KVM_EMULATED = Set.of("x2apic", "tsc-deadline", "hypervisor", "tsc_adjust",
            "arch-capabilities", "rdctl-no", "skip-l1dfl-vmentry", "mds-no", "pschange-mc-no");
    /** libvirt's CPU map names that the kernel spells otherwise, beyond '-' and '.' for '_'. */
    private static final Map<String, String> KERNEL_NAMES = Map.of("pclmuldq", "pclmulqdq",
            "tsc-deadline", "tsc_deadline_timer", "cr8legacy", "cr8_legacy", "avx512vnni", "avx512_vnni");
    private static final Path CPU_INFO = Path.of("/proc/cpuinfo");

    /** The kernel's names of the CPU's flags; empty when any CPU is assumed. */
    private final Supplier<Optional<Set<String>>> kernelFlags;

    private HostCpu(Supplier<Optional<Set<String>>> kernelFlags) {
        this.kernelFlags = new HostProbe<>(kernelFlags);
    }

    /** A CPU with these flags, in the kernel's names: for tests and for checking a domain against another host. */
    public static HostCpu of(Set<String> kernelFlags) {
        Set<String> flags = Set.copyOf(kernelFlags);
        return new HostCpu(() -> Optional.of(flags));
    }

    /** This machine's. */
    static HostCpu here() {
        return new HostCpu(HostCpu::cpuInfoFlags);
    }

    /**
     * Whether a KVM guest on this host can have the CPU feature libvirt's CPU map names so: the host CPU has it
     * (as the kernel reports it) or KVM provides it anyway. Any host is taken to have every feature.
     */
    public boolean has(String libvirtName) {
        Optional<Set<String>> flags = kernelFlags.get();
        if (flags.isEmpty() || KVM_EMULATED.contains(libvirtName)) {
            return true;
        }
        return flags.get().contains(KERNEL_NAMES.getOrDefault(libvirtName, libvirtName.replace('-', '_').replace('.', '_')));
    }

    /** The first processor's flags; none readable (not Linux, say) means any CPU is assumed. */
    private static Optional<Set<String>> cpuInfoFlags() {
        try (Stream<String> lines = Files.lines(CPU_INFO)) {
            return lines.filter(line -> line.startsWith("flags")).findFirst()
                    .map(line -> Set.copyOf(List.of(line.substring(line.indexOf(':') + 1).trim().split("\\s+"))));
        } catch (IOException | UncheckedIOException e) {
            return Optional.empty();
        }
    }
}
