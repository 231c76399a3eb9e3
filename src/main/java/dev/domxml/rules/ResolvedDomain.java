package dev.domxml.rules;

import dev.domxml.model.Clock;
import dev.domxml.model.Display;
import dev.domxml.model.Firmware;
import dev.domxml.model.SystemInfo;
import dev.domxml.model.Machine;
import dev.domxml.model.MemoryHotplug;
import dev.domxml.model.MachineFamily;
import dev.domxml.model.Passthrough;
import dev.domxml.report.SourcePosition;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * A domain as libvirt sees it after parsing and post-parse: defaults filled in, implicit controllers
 * and devices added, disks in libvirt's order, drive addresses assigned. The refusal checks and the
 * model builder both read this.
 */
public record ResolvedDomain(
        String fileName,
        Optional<SourcePosition> position,
        String name,
        Optional<String> uuid,
        Optional<String> generationId,
        SystemInfo systemInfo,
        String domainType,
        String arch,
        String machineType,
        MachineFamily family,
        String emulator,
        long memoryKiB,
        Optional<MemoryHotplug> memoryHotplug,
        int vcpus,
        int currentVcpus,
        Optional<int[]> topology,
        List<ResolvedNumaCell> numaCells,
        ResolvedMemoryTuning memoryTuning,
        String cpuModel,
        boolean acpi,
        Firmware firmware,
        Optional<Boolean> smm,
        OptionalLong tsegMiB,
        Optional<Boolean> vmport,
        Optional<Boolean> suspendToMem,
        Optional<Boolean> suspendToDisk,
        Machine.MemoryOptions memoryOptions,
        ResolvedMemoryBacking memoryBacking,
        Machine.Hmat hmat,
        List<ResolvedIoThread> iothreads,
        List<String> osBootDevices,
        boolean bootMenu,
        OptionalInt bootMenuTimeout,
        boolean bootMenuOff,
        List<ResolvedDisk> disks,
        List<ResolvedController> controllers,
        List<ResolvedInterface> interfaces,
        List<ResolvedDevice> videos,
        List<ResolvedDevice> inputs,
        List<ResolvedDevice> serials,
        List<ResolvedDevice> graphics,
        Display display,
        Clock clock,
        Optional<ResolvedDevice> balloon,
        List<ResolvedDevice> peripherals,
        Passthrough passthrough,
        PlatformSettings platform,
        Map<SourcePosition, Integer> acpiIndexes,
        Optional<GuestCpu.HostCpuRequirement> hostCpu,
        Optional<TscFrequency> tscFrequency) {

    /** The frequency a guest's {@code <timer name='tsc'>} asks for, and where. */
    public record TscFrequency(long hz, Optional<SourcePosition> position) {}


    /** The peripherals of one kind (filesystem, sound, channel, console, ...), in the order written. */
    public List<ResolvedDevice> peripherals(String kind) {
        return peripherals.stream().filter(d -> d.is(kind)).toList();
    }

    public Optional<ResolvedController> controller(String type, int index) {
        return controllers.stream().filter(c -> c.is(type) && c.index() == index).findFirst();
    }

    public boolean hasIoThread(int id) {
        return iothreads.stream().anyMatch(t -> t.id() == id);
    }

    public boolean isQ35() {
        return family == MachineFamily.Q35;
    }
}
