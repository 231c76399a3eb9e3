package dev.domxml.model;

import java.util.List;
import java.util.Optional;

/**
 * The QEMU-level picture of a guest: what the command line is made of, in emission order. Domain XML
 * and raw command lines both become this; every exporter reads only this. {@code memoryPolicy} binds
 * the guest's RAM to host NUMA nodes when it has no NUMA nodes of its own (each {@link NumaNode} has its own);
 * {@code display} holds the audio backends and display options; {@code mainLoop} the thread pool sizes of QEMU's
 * main loop ({@code -object main-loop}), when written.
 */
public record VirtualMachine(
        String name,
        Optional<String> uuid,
        Optional<String> generationId,
        SystemInfo systemInfo,
        String emulator,
        Machine machine,
        Firmware firmware,
        long memoryBytes,
        Optional<HostMemoryPolicy> memoryPolicy,
        Optional<MemoryHotplug> memoryHotplug,
        Smp smp,
        List<NumaNode> numa,
        List<IoThread> iothreads,
        Optional<IoThread> mainLoop,
        BootOptions boot,
        List<Device> devices,
        Display display,
        Clock clock,
        Passthrough passthrough) {

    public VirtualMachine {
        numa = List.copyOf(numa);
        iothreads = List.copyOf(iothreads);
        devices = List.copyOf(devices);
    }

    public <T extends Device> List<T> devicesOf(Class<T> type) {
        return devices.stream().filter(type::isInstance).map(type::cast).toList();
    }
}
