package dev.domxml.args;

import dev.domxml.args.CommandLine.Option;
import dev.domxml.model.BalloonDevice;
import dev.domxml.model.BootOptions;
import dev.domxml.model.Device;
import dev.domxml.model.Firmware;
import dev.domxml.model.DiskDevice;
import dev.domxml.model.FloppyController;
import dev.domxml.model.GenericDevice;
import dev.domxml.model.HostMemoryPolicy;
import dev.domxml.model.IoThread;
import dev.domxml.model.MachineFamily;
import dev.domxml.model.NetworkDevice;
import dev.domxml.model.NumaNode;
import dev.domxml.model.PrManager;
import dev.domxml.model.ProtocolNode;
import dev.domxml.model.RamBacking;
import dev.domxml.model.Smp;
import dev.domxml.model.VirtualMachine;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Writes a {@link VirtualMachine} as a QEMU command line in libvirt's option order. Subclasses decide
 * how objects, devices and disks are spelled; host-specific parts libvirt adds for itself (its master
 * key secret, its monitor socket) are left out so that the line runs as it is.
 */
public abstract class ArgsWriter {

    public static ArgsWriter forStyle(ArgsStyle style) {
        return style == ArgsStyle.LEGACY ? new LegacyArgsWriter() : new LibvirtArgsWriter();
    }

    public final CommandLine write(VirtualMachine vm, ArgsOptions options) {
        List<Option> out = new ArrayList<>();
        out.add(new Option("-name", "guest=" + escapeCommas(vm.name()) + ",debug-threads=on"));
        if (options.paused()) {
            out.add(Option.flag("-S"));
        }
        // libvirt's own pr helper serves every disk that asks for one: one object, ahead of the machine
        managedPrManager(vm).ifPresent(manager -> out.add(prManagerObject(manager)));
        writeFlash(vm, out);
        writeMachine(vm, out);
        out.add(new Option("-accel", vm.machine().accelerator()
                + vm.machine().tbSizeMiB().stream().mapToObj(mib -> ",tb-size=" + mib).findFirst().orElse("")
                + vm.machine().dirtyRingEntries().stream().mapToObj(n -> ",dirty-ring-size=" + n).findFirst().orElse("")));
        vm.machine().tsegMiB().ifPresent(mib -> out.add(new Option("-global", "mch.extended-tseg-mbytes=" + mib)));
        out.add(new Option("-cpu", vm.machine().cpuModel()));
        vm.firmware().bios().ifPresent(path -> out.add(new Option("-bios", path)));
        if (vm.firmware().secure()) {
            out.add(new Option("-global", "driver=cfi.pflash01,property=secure,value=on"));
        }
        writeMemory(vm, out);
        out.add(new Option("-overcommit", "mem-lock=" + (vm.machine().memory().locked() ? "on" : "off")));
        out.add(new Option("-smp", smp(vm.smp())));
        for (IoThread thread : vm.iothreads()) {
            out.add(new Option("-object", eventLoop("iothread", thread)));
        }
        vm.mainLoop().ifPresent(loop -> out.add(new Option("-object", eventLoop("main-loop", loop))));
        for (NumaNode node : vm.numa()) {
            out.add(new Option("-object", render(ramBackend(node.memdev(), node.memoryBytes(), node.hostPolicy(),
                    node.backing(), false))));
            out.add(new Option("-numa", node.option()));
        }
        for (NumaNode node : vm.numa()) {
            for (int to = 0; to < node.distances().size(); to++) {
                out.add(new Option("-numa", "dist,src=" + node.id() + ",dst=" + to + ",val=" + node.distances().get(to)));
            }
        }
        vm.machine().hmat().links().forEach(link -> out.add(new Option("-numa", link.option())));
        vm.machine().hmat().caches().forEach(cache -> out.add(new Option("-numa", cache.option())));
        vm.uuid().ifPresent(uuid -> out.add(new Option("-uuid", uuid)));
        vm.systemInfo().smbiosTables().forEach(table -> out.add(new Option("-smbios", table)));
        vm.systemInfo().firmwareConfig().forEach(entry -> out.add(new Option("-fw_cfg", entry)));
        vm.generationId().ifPresent(guid -> {
            Map<String, Object> vmgenid = new LinkedHashMap<>();
            vmgenid.put("driver", "vmgenid");
            vmgenid.put("guid", guid);
            vmgenid.put("id", "vmgenid0");
            out.add(new Option("-device", render(vmgenid)));
        });
        if (vm.display().headless()) {
            out.add(new Option("-display", "none"));
        }
        out.add(Option.flag("-no-user-config"));
        out.add(Option.flag("-nodefaults"));
        options.qmpSocket().ifPresent(path -> {
            out.add(new Option("-chardev", "socket,id=charmonitor,path=" + escapeCommas(path) + ",server=on,wait=off"));
            out.add(new Option("-mon", "chardev=charmonitor,id=monitor,mode=control"));
        });
        out.add(new Option("-rtc", vm.clock().rtc()));
        vm.clock().pitTickPolicy().ifPresent(policy -> out.add(new Option("-global", "kvm-pit.lost_tick_policy=" + policy)));
        if (vm.clock().noHpet()) {
            out.add(Option.flag("-no-hpet"));
        }
        if (options.qmpSocket().isPresent()) {
            out.add(Option.flag("-no-shutdown"));
        }
        if (!vm.machine().acpi()) {
            out.add(Option.flag("-no-acpi"));
        }
        // libvirt names the PIIX4 power management device even on q35, whose ICH9-LPC takes the setting
        String pm = vm.machine().family() == MachineFamily.Q35 ? "ICH9-LPC" : "PIIX4_PM";
        vm.machine().suspendToMem().ifPresent(on -> out.add(new Option("-global", pm + ".disable_s3=" + (on ? 0 : 1))));
        vm.machine().suspendToDisk().ifPresent(on -> out.add(new Option("-global", pm + ".disable_s4=" + (on ? 0 : 1))));
        out.add(new Option("-boot", boot(vm.boot())));
        Firmware.KernelBoot kernel = vm.firmware().kernel();
        kernel.kernel().ifPresent(path -> out.add(new Option("-kernel", path)));
        kernel.initrd().ifPresent(path -> out.add(new Option("-initrd", path)));
        kernel.cmdline().ifPresent(line -> out.add(new Option("-append", line)));
        kernel.dtb().ifPresent(path -> out.add(new Option("-dtb", path)));
        vm.firmware().slicTable().ifPresent(file -> out.add(new Option("-acpitable", "sig=SLIC,file=" + escapeCommas(file))));
        // the host bridge is i440FX-pcihost or q35-pcihost; root bus hotplug is PIIX4's (libvirt refuses it on q35)
        String host = vm.machine().family() == MachineFamily.Q35 ? "q35-pcihost" : "i440FX-pcihost";
        vm.machine().pciRoot().hole64KiB()
                .ifPresent(kib -> out.add(new Option("-global", host + ".pci-hole64-size=" + kib + "K")));
        vm.machine().pciRoot().hotplug()
                .ifPresent(on -> out.add(new Option("-global", "PIIX4_PM.acpi-root-pci-hotplug=" + (on ? "on" : "off"))));

        boolean displayWritten = false;
        for (Device device : vm.devices()) {
            if (!displayWritten && (device instanceof BalloonDevice
                    || device instanceof GenericDevice g && g.kind().afterDisplay())) {
                writeDisplay(vm, out);
                displayWritten = true;
            }
            if (device instanceof DiskDevice disk) {
                writeDisk(disk, out);
                continue;
            }
            if (device instanceof FloppyController fdc && !fdc.explicit()) {
                // the built-in controller of i440FX: only its boot indexes are set
                fdc.bootIndexA().ifPresent(i -> out.add(new Option("-global", "isa-fdc.bootindexA=" + i)));
                fdc.bootIndexB().ifPresent(i -> out.add(new Option("-global", "isa-fdc.bootindexB=" + i)));
                continue;
            }
            if (device instanceof GenericDevice speaker && speaker.isPcSpeaker()) {
                out.add(new Option("-soundhw", "pcspk"));
                continue;
            }
            if (device instanceof NetworkDevice nic) {
                out.add(new Option("-netdev", netdev(nic)));
            } else if (device instanceof GenericDevice generic) {
                generic.backends().forEach(b -> out.add(backend(b)));
            }
            if (!(device instanceof GenericDevice generic && !generic.hasDevice())) {
                out.add(new Option("-device", device(device)));
            }
            if (device instanceof GenericDevice generic) {
                generic.followers().forEach(b -> out.add(backend(b)));
            }
        }
        if (!displayWritten) {
            writeDisplay(vm, out);
        }
        vm.passthrough().args().forEach(arg -> out.add(Option.flag(arg)));
        out.add(new Option("-sandbox", "on,obsolete=deny,elevateprivileges=deny,spawn=deny,resourcecontrol=deny"));
        out.add(new Option("-msg", "timestamp=on"));
        Map<String, String> env = new LinkedHashMap<>();
        vm.clock().timezone().ifPresent(tz -> env.put("TZ", tz));
        env.putAll(vm.display().env());
        env.putAll(vm.passthrough().env());
        if (env.isEmpty()) {
            return new CommandLine(vm.emulator(), out);
        }
        // env(1) sets a display's environment and <qemu:env> in every output format, the JSON argv included
        List<Option> withEnv = new ArrayList<>();
        env.forEach((name, value) -> withEnv.add(Option.flag(name + "=" + value)));
        withEnv.add(Option.flag(vm.emulator()));
        withEnv.addAll(out);
        return new CommandLine("env", withEnv);
    }

    private static Optional<PrManager> managedPrManager(VirtualMachine vm) {
        return vm.devicesOf(DiskDevice.class).stream().flatMap(disk -> disk.protocolNode().stream())
                .flatMap(node -> node.prManager().stream()).filter(PrManager::managed).findFirst();
    }

    /** The {@code -object} of a disk's own pr helper (the user's socket), written just before its storage. */
    protected final void writeOwnPrManager(DiskDevice disk, List<Option> out) {
        disk.protocolNode().flatMap(ProtocolNode::prManager).filter(manager -> !manager.managed())
                .ifPresent(manager -> out.add(prManagerObject(manager)));
    }

    private Option prManagerObject(PrManager manager) {
        Map<String, Object> object = new LinkedHashMap<>();
        object.put("qom-type", "pr-manager-helper");
        object.put("id", manager.id());
        object.put("path", manager.socket());
        return new Option("-object", render(object));
    }

    protected Option backend(GenericDevice.Backend backend) {
        if (!backend.structured()) {
            return new Option(backend.option(), backend.value());
        }
        return new Option(backend.option(), backend.option().equals("-blockdev") ? renderBlockdev(backend.properties())
                : render(backend.properties()));
    }

    /** A -blockdev of a device's own (a SCSI host device's backend): as any other option, unless a style says. */
    protected String renderBlockdev(Map<String, Object> properties) {
        return render(properties);
    }

    private void writeDisplay(VirtualMachine vm, List<Option> out) {
        vm.display().audio().forEach(audio -> out.add(new Option("-audiodev", audiodev(audio))));
        vm.display().outputs().forEach(o -> out.add(o.value().isEmpty() ? Option.flag(o.option()) : new Option(o.option(), o.value())));
    }

    /** The menu, the reboot timeout and the splash time, each when written, then {@code strict=on}: libvirt's order. */
    private static String boot(BootOptions boot) {
        StringBuilder s = new StringBuilder();
        if (boot.menu() || boot.menuOff()) {
            s.append("menu=").append(boot.menu() ? "on" : "off").append(',');
        }
        boot.rebootTimeoutMs().ifPresent(ms -> s.append("reboot-timeout=").append(ms).append(','));
        if (boot.menu()) {
            boot.splashTimeMs().ifPresent(ms -> s.append("splash-time=").append(ms).append(','));
        }
        return s.append("strict=on").toString();
    }

    private static String smp(Smp smp) {
        StringBuilder s = new StringBuilder().append(smp.cpus());
        if (smp.maxCpus() != smp.cpus()) {
            s.append(",maxcpus=").append(smp.maxCpus());
        }
        s.append(",sockets=").append(smp.sockets());
        smp.dies().ifPresent(d -> s.append(",dies=").append(d));
        return s.append(",cores=").append(smp.cores()).append(",threads=").append(smp.threads()).toString();
    }

    /** QEMU's key=value syntax doubles a comma inside a value. */
    static String escapeCommas(String value) {
        return value.replace(",", ",,");
    }

    protected abstract void writeMachine(VirtualMachine vm, List<Option> out);

    /** The firmware's flash images, which come before the machine that names them. */
    protected abstract void writeFlash(VirtualMachine vm, List<Option> out);

    /**
     * {@code usb=off}, then vmport, SMM and kernel_irqchip when written, then {@code dump-guest-core} and mem-merge:
     * libvirt's order.
     */
    protected static String machineOptions(VirtualMachine vm) {
        return vm.machine().type() + ",usb=off"
                + vm.machine().vmport().map(on -> ",vmport=" + (on ? "on" : "off")).orElse("")
                + vm.machine().smm().map(on -> ",smm=" + (on ? "on" : "off")).orElse("")
                + vm.machine().kernelIrqchip().map(mode -> ",kernel_irqchip=" + mode).orElse("")
                + ",dump-guest-core=" + (vm.machine().memory().dumpGuestCore() ? "on" : "off")
                + (vm.machine().memory().merge() ? "" : ",mem-merge=off")
                + (hasNvdimm(vm) ? ",nvdimm=on" : "")
                + (vm.machine().hmat().on() ? ",hmat=on" : "");
    }

    /** {@code graphics=off}: on x86 it sends the firmware's output to the serial port ({@code <bios useserial>}). */
    protected static String serialFirmware(VirtualMachine vm) {
        return vm.firmware().serialOutput() ? ",graphics=off" : "";
    }

    /** An NVDIMM needs the machine's NVDIMM support (its ACPI tables) switched on. */
    private static boolean hasNvdimm(VirtualMachine vm) {
        return vm.devices().stream().anyMatch(d -> d instanceof GenericDevice g && g.driver().equals("nvdimm"));
    }

    /** -m: MiB, or with room for hotplug the initial size, the slots and the maximum, in KiB. */
    protected static String memorySize(VirtualMachine vm) {
        return vm.memoryHotplug().map(h -> "size=" + vm.memoryBytes() / 1024 + "k,slots=" + h.slots() + ",maxmem="
                + h.maxMemoryKiB() + "k").orElse(String.valueOf(vm.memoryBytes() / (1024 * 1024)));
    }

    protected abstract void writeMemory(VirtualMachine vm, List<Option> out);

    /** An {@code -object iothread} or {@code main-loop}: its id and thread pool sizes. */
    private String eventLoop(String qomType, IoThread thread) {
        Map<String, Object> object = new LinkedHashMap<>();
        object.put("qom-type", qomType);
        object.put("id", thread.id());
        thread.threadPoolMin().ifPresent(v -> object.put("thread-pool-min", v));
        thread.threadPoolMax().ifPresent(v -> object.put("thread-pool-max", v));
        return render(object);
    }

    /** An audio backend's -audiodev value from its properties (id, driver, ..., in, out). */
    protected abstract String audiodev(Map<String, Object> audio);

    protected abstract String netdev(NetworkDevice nic);

    protected abstract String device(Device device);

    protected abstract void writeDisk(DiskDevice disk, List<Option> out);

    /** How a property list is spelled in this style. */
    protected abstract String render(Map<String, Object> properties);

    /** A memory backend's properties, in libvirt's order; {@code systemMemory}: the one for all of RAM (pc.ram). */
    protected static Map<String, Object> ramBackend(String id, long bytes, Optional<HostMemoryPolicy> hostPolicy,
            RamBacking backing, boolean systemMemory) {
        Map<String, Object> backend = backing.properties(id, systemMemory);
        backend.put("size", bytes);
        hostPolicy.ifPresent(policy -> {
            backend.put("host-nodes", policy.hostNodes());
            backend.put("policy", policy.policy());
        });
        return backend;
    }
}
