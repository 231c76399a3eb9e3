package dev.domxml.fromargs;

import dev.domxml.binding.Address;
import dev.domxml.binding.Iommu;
import dev.domxml.binding.IommuDriver;
import dev.domxml.binding.MemoryDevice;
import dev.domxml.binding.MemoryDeviceLabel;
import dev.domxml.binding.MemoryDeviceSource;
import dev.domxml.binding.MemoryDeviceTarget;
import dev.domxml.binding.BackingStore;
import dev.domxml.binding.BlockIo;
import dev.domxml.binding.BootMenu;
import dev.domxml.binding.BootOrder;
import dev.domxml.binding.CharDevice;
import dev.domxml.binding.CharTarget;
import dev.domxml.binding.Controller;
import dev.domxml.binding.ControllerDriver;
import dev.domxml.binding.ControllerModel;
import dev.domxml.binding.ControllerTarget;
import dev.domxml.binding.Cpu;
import dev.domxml.binding.CpuCache;
import dev.domxml.binding.CpuFeature;
import dev.domxml.binding.CpuMaxPhysAddr;
import dev.domxml.binding.CpuModel;
import dev.domxml.binding.CpuTopology;
import dev.domxml.binding.DeviceAcpi;
import dev.domxml.binding.DeviceDriver;
import dev.domxml.binding.Devices;
import dev.domxml.binding.Disk;
import dev.domxml.binding.DiskDriver;
import dev.domxml.binding.DiskGeometry;
import dev.domxml.binding.DiskSource;
import dev.domxml.binding.DiskTarget;
import dev.domxml.binding.Domain;
import dev.domxml.binding.Endpoint;
import dev.domxml.binding.FeatureState;
import dev.domxml.binding.Features;
import dev.domxml.binding.Filesystem;
import dev.domxml.binding.FilesystemDriver;
import dev.domxml.binding.DiskHost;
import dev.domxml.binding.Flag;
import dev.domxml.binding.Graphics;
import dev.domxml.binding.Audio;
import dev.domxml.binding.DefaultIoThread;
import dev.domxml.binding.Hostdev;
import dev.domxml.binding.RedirFilter;
import dev.domxml.binding.Redirdev;
import dev.domxml.binding.Smartcard;
import dev.domxml.binding.HostdevSource;
import dev.domxml.binding.Hub;
import dev.domxml.binding.Input;
import dev.domxml.binding.Interface;
import dev.domxml.binding.IoThreadId;
import dev.domxml.binding.IoThreadIds;
import dev.domxml.binding.Loader;
import dev.domxml.binding.MacAddress;
import dev.domxml.binding.MemBalloon;
import dev.domxml.binding.Memory;
import dev.domxml.binding.MetadataCache;
import dev.domxml.binding.ModelType;
import dev.domxml.binding.Numa;
import dev.domxml.binding.NumaCache;
import dev.domxml.binding.NumaCell;
import dev.domxml.binding.NumaInterconnect;
import dev.domxml.binding.NumaDistances;
import dev.domxml.binding.NumaSibling;
import dev.domxml.binding.Numatune;
import dev.domxml.binding.NumatuneMemnode;
import dev.domxml.binding.NumatuneMemory;
import dev.domxml.binding.Nvram;
import dev.domxml.binding.Os;
import dev.domxml.binding.OsAcpi;
import dev.domxml.binding.OsBios;
import dev.domxml.binding.OsBoot;
import dev.domxml.binding.OsType;
import dev.domxml.binding.Panic;
import dev.domxml.binding.Rng;
import dev.domxml.binding.RngBackend;
import dev.domxml.binding.RngRate;
import dev.domxml.binding.Shmem;
import dev.domxml.binding.ShmemMsi;
import dev.domxml.binding.Smm;
import dev.domxml.binding.Sound;
import dev.domxml.binding.Tcg;
import dev.domxml.binding.Vcpu;
import dev.domxml.binding.Video;
import dev.domxml.binding.VideoAcceleration;
import dev.domxml.binding.VideoModel;
import dev.domxml.binding.VideoResolution;
import dev.domxml.binding.VirtioDriver;
import dev.domxml.binding.Smbios;
import dev.domxml.binding.Sysinfo;
import dev.domxml.binding.Vsock;
import dev.domxml.binding.VsockCid;
import dev.domxml.binding.Watchdog;
import dev.domxml.model.BackingLink;
import dev.domxml.model.BalloonDevice;
import dev.domxml.model.BlockNode;
import dev.domxml.model.CacheFlags;
import dev.domxml.model.ChsGeometry;
import dev.domxml.model.Device;
import dev.domxml.model.DeviceAddress;
import dev.domxml.model.DiskDevice;
import dev.domxml.model.DiskFrontend;
import dev.domxml.model.DiskTuning;
import dev.domxml.model.Firmware;
import dev.domxml.model.FloppyAddress;
import dev.domxml.model.FloppyController;
import dev.domxml.model.FormatNode;
import dev.domxml.model.Display;
import dev.domxml.model.GenericDevice;
import dev.domxml.model.HostMemoryPolicy;
import dev.domxml.model.IoThread;
import dev.domxml.model.Machine;
import dev.domxml.model.MachineFamily;
import dev.domxml.model.NetworkDevice;
import dev.domxml.model.NumaNode;
import dev.domxml.model.RamBacking;
import dev.domxml.model.PciAddress;
import dev.domxml.model.PciBridge;
import dev.domxml.model.PciExpanderBus;
import dev.domxml.model.PciePort;
import dev.domxml.model.NetworkNode;
import dev.domxml.model.PrManager;
import dev.domxml.model.ProtocolNode;
import dev.domxml.model.ScsiAddress;
import dev.domxml.model.SpaprVioAddress;
import dev.domxml.model.Smp;
import dev.domxml.model.StorageController;
import dev.domxml.model.SystemInfo;
import dev.domxml.model.StorageControllerKind;
import dev.domxml.model.UsbAddress;
import dev.domxml.model.UsbController;
import dev.domxml.model.VirtioOptions;
import dev.domxml.model.VirtualMachine;
import dev.domxml.qemu.CommandLineReader;
import dev.domxml.qemu.LibvirtNumbering.DriveAddress;
import dev.domxml.qemu.LibvirtNumbering.Placement;
import dev.domxml.qemu.LibvirtNumbering;
import dev.domxml.report.Diagnostic;
import dev.domxml.report.Severity;
import dev.domxml.report.ShortList;
import dev.domxml.report.SourceMap;
import dev.domxml.rules.CacheMode;
import dev.domxml.rules.GuestCpu;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.OptionalInt;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Element;

/**
 * Writes the model as libvirt domain XML (the JAXB binding), so that libvirt 9.0 builds the same
 * storage back: every controller, disk and bus with its explicit address, iothreads by id, cache modes
 * from the node flags and the frontend's write cache, boot order from bootindex. What domain XML cannot
 * say (a tap backend libvirt opened itself, a custom device_id) is reported, never silently changed.
 */
public final class DomainXmlBuilder {
    public static final String RULE_ID = "args-xml";
    private static final java.util.regex.Pattern SAFE_SERIAL = java.util.regex.Pattern.compile("[A-Za-z0-9_.+ -]*");
    private static final Map<StorageControllerKind, String> SCSI_MODELS = Map.of(
            StorageControllerKind.VIRTIO_SCSI, "virtio-scsi", StorageControllerKind.LSI, "lsilogic",
            StorageControllerKind.MEGASAS, "lsisas1078", StorageControllerKind.MPTSAS1068, "lsisas1068",
            StorageControllerKind.PVSCSI, "vmpvscsi", StorageControllerKind.IBMVSCSI, "ibmvscsi");
    private static final Map<String, String> USB_MODELS = Map.ofEntries(
            Map.entry("piix3-usb-uhci", "piix3-uhci"), Map.entry("piix4-usb-uhci", "piix4-uhci"),
            Map.entry("usb-ehci", "ehci"), Map.entry("ich9-usb-ehci1", "ich9-ehci1"),
            Map.entry("vt82c686b-usb-uhci", "vt82c686b-uhci"), Map.entry("pci-ohci", "pci-ohci"),
            Map.entry("nec-usb-xhci", "nec-xhci"), Map.entry("qemu-xhci", "qemu-xhci"));
    private static final Map<String, String> BRIDGE_MODELS = Map.of(
            "pci-bridge", "pci-bridge", "pcie-pci-bridge", "pcie-to-pci-bridge", "i82801b11-bridge", "dmi-to-pci-bridge",
            "x3130-upstream", "pcie-switch-upstream-port");
    private static final Map<String, String> VIDEO_MODELS = Map.of(
            "VGA", "vga", "cirrus-vga", "cirrus", "virtio-vga", "virtio", "qxl-vga", "qxl", "bochs-display", "bochs",
            "virtio-gpu-pci", "virtio", "qxl", "qxl", "virtio-vga-gl", "virtio", "virtio-gpu-gl-pci", "virtio", "ramfb", "ramfb");
    private static final Map<String, String> INPUT_TYPES = Map.of(
            "usb-tablet", "tablet", "usb-mouse", "mouse", "usb-kbd", "keyboard", "virtio-tablet-pci", "tablet",
            "virtio-keyboard-pci", "keyboard", "virtio-mouse-pci", "mouse", "virtio-input-host-pci", "passthrough");
    private static final Map<String, String> SOUND_MODELS = Map.of(
            "intel-hda", "ich6", "ich9-intel-hda", "ich9", "AC97", "ac97", "ES1370", "es1370", "sb16", "sb16",
            "usb-audio", "usb", "pcspk", "pcspk");

    private final VirtualMachine vm;
    private final SourceMap sources;
    private final LibvirtNumbering numbering;
    private final List<Diagnostic> warnings = new ArrayList<>();
    private final List<String> deviceIds = new ArrayList<>();
    private String firstDeviceId = "";

    /** The domain, and what could not be said in it. */
    public record Built(Domain domain, List<Diagnostic> warnings) {}

    private DomainXmlBuilder(VirtualMachine vm, SourceMap sources) {
        this.vm = vm;
        this.sources = sources;
        this.numbering = LibvirtNumbering.of(vm);
    }

    public static Built build(VirtualMachine vm, SourceMap sources) {
        DomainXmlBuilder builder = new DomainXmlBuilder(vm, sources);
        Domain domain = builder.domain();
        if (!builder.deviceIds.isEmpty()) {
            builder.warn(builder.firstDeviceId, "SCSI device_id cannot be said in domain XML, libvirt derives it from"
                    + " the disk's address: " + ShortList.of(builder.deviceIds));
        }
        return new Built(domain, List.copyOf(builder.warnings));
    }

    private void warn(String id, String message) {
        warnings.add(new Diagnostic(Severity.WARNING, RULE_ID, message, sources.orFile(id)));
    }

    private Domain domain() {
        Domain d = new Domain();
        d.type = vm.machine().accelerator().equals("kvm") ? "kvm" : "qemu";
        d.name = vm.name();
        d.uuid = vm.uuid().orElse(null);
        d.genid = vm.generationId().orElse(null);
        d.sysinfos.addAll(sysinfos(vm.systemInfo()));
        d.memory = new Memory();
        d.memory.unit = "KiB";
        d.memory.value = String.valueOf((vm.memoryBytes() + 1023) / 1024);
        dev.domxml.model.Machine.MemoryOptions memoryOptions = vm.machine().memory();
        if (memoryOptions.dumpGuestCore()) {
            d.memory.dumpCore = "on";
        }
        dev.domxml.binding.MemoryBacking backing = memoryBacking(vm.numa().isEmpty() ? List.of(memoryOptions.ram())
                : vm.numa().stream().map(NumaNode::backing).toList());
        if (!memoryOptions.merge() || memoryOptions.locked() || backing != null) {
            d.memoryBacking = backing == null ? new dev.domxml.binding.MemoryBacking() : backing;
            d.memoryBacking.nosharepages = memoryOptions.merge() ? null : new Flag();
            d.memoryBacking.locked = memoryOptions.locked() ? new Flag() : null;
        }
        vm.memoryHotplug().ifPresent(h -> {
            d.maxMemory = new dev.domxml.binding.MaxMemory();
            d.maxMemory.slots = String.valueOf(h.slots());
            d.maxMemory.unit = "KiB";
            d.maxMemory.value = String.valueOf(h.maxMemoryKiB());
        });
        d.vcpu = new Vcpu();
        d.vcpu.placement = "static";
        d.vcpu.value = String.valueOf(vm.smp().maxCpus());
        if (vm.smp().cpus() != vm.smp().maxCpus()) {
            d.vcpu.current = String.valueOf(vm.smp().cpus());
        }
        if (!vm.iothreads().isEmpty()) {
            d.iothreads = String.valueOf(vm.iothreads().size());
            d.iothreadids = new IoThreadIds();
            for (IoThread thread : vm.iothreads()) {
                IoThreadId id = new IoThreadId();
                id.id = String.valueOf(numbering.iothreadId(thread.id()));
                thread.threadPoolMin().ifPresent(v -> id.threadPoolMin = String.valueOf(v));
                thread.threadPoolMax().ifPresent(v -> id.threadPoolMax = String.valueOf(v));
                d.iothreadids.iothreads.add(id);
            }
        }
        d.os = os();
        if (vm.machine().acpi()) {
            d.features = new Features();
            d.features.acpi = new Flag();
        }
        if (vm.devices().stream().anyMatch(v -> v instanceof GenericDevice g && g.kind() == GenericDevice.Kind.VMCOREINFO)) {
            d.features = d.features == null ? new Features() : d.features;
            d.features.vmcoreinfo = new FeatureState();
        }
        vm.machine().smm().ifPresent(on -> {
            d.features = d.features == null ? new Features() : d.features;
            d.features.smm = new Smm();
            d.features.smm.state = on ? "on" : "off";
            vm.machine().tsegMiB().ifPresent(mib -> {
                d.features.smm.tseg = new Memory();
                d.features.smm.tseg.unit = "MiB";
                d.features.smm.tseg.value = String.valueOf(mib);
            });
        });
        vm.machine().vmport().ifPresent(on -> {
            d.features = d.features == null ? new Features() : d.features;
            d.features.vmport = new FeatureState();
            d.features.vmport.state = on ? "on" : "off";
        });
        // kernel_irqchip=off (the whole interrupt controller in QEMU) has no <ioapic> of its own
        vm.machine().kernelIrqchip().filter(mode -> mode.equals("split") || mode.equals("on")).ifPresent(mode -> {
            d.features = d.features == null ? new Features() : d.features;
            Element ioapic = newElement("ioapic");
            ioapic.setAttribute("driver", mode.equals("split") ? "qemu" : "kvm");
            d.features.otherElements.add(ioapic);
        });
        vm.machine().dirtyRingEntries().ifPresent(entries -> {
            d.features = d.features == null ? new Features() : d.features;
            Element kvm = newElement("kvm");
            Element ring = kvm.getOwnerDocument().createElement("dirty-ring");
            ring.setAttribute("state", "on");
            ring.setAttribute("size", String.valueOf(entries));
            kvm.appendChild(ring);
            d.features.otherElements.add(kvm);
        });
        pmu().ifPresent(on -> {
            d.features = d.features == null ? new Features() : d.features;
            d.features.pmu = new FeatureState();
            d.features.pmu.state = on ? "on" : "off";
        });
        vm.machine().tbSizeMiB().ifPresent(mib -> {
            d.features = d.features == null ? new Features() : d.features;
            d.features.tcg = new Tcg();
            d.features.tcg.tbCache = new Memory();
            d.features.tcg.tbCache.unit = "MiB";
            d.features.tcg.tbCache.value = String.valueOf(mib);
        });
        vm.mainLoop().ifPresent(loop -> {
            d.defaultiothread = new DefaultIoThread();
            loop.threadPoolMin().ifPresent(v -> d.defaultiothread.threadPoolMin = String.valueOf(v));
            loop.threadPoolMax().ifPresent(v -> d.defaultiothread.threadPoolMax = String.valueOf(v));
        });
        if (vm.machine().suspendToMem().isPresent() || vm.machine().suspendToDisk().isPresent()) {
            d.pm = new dev.domxml.binding.PowerManagement();
            d.pm.suspendToMem = suspend(vm.machine().suspendToMem());
            d.pm.suspendToDisk = suspend(vm.machine().suspendToDisk());
        }
        d.cpu = cpu();
        d.clock = clock();
        d.numatune = numatune();
        d.devices = devices();
        return d;
    }

    private static dev.domxml.binding.PowerManagement.Suspend suspend(Optional<Boolean> allowed) {
        return allowed.map(on -> {
            dev.domxml.binding.PowerManagement.Suspend suspend = new dev.domxml.binding.PowerManagement.Suspend();
            suspend.enabled = on ? "yes" : "no";
            return suspend;
        }).orElse(null);
    }

    /** {@code <clock>} from -rtc, the PIT's tick policy and -no-hpet; none for libvirt's default (UTC). */
    private dev.domxml.binding.Clock clock() {
        dev.domxml.model.Clock clock = vm.clock();
        if (clock.equals(dev.domxml.model.Clock.UTC)) {
            return null;
        }
        dev.domxml.binding.Clock c = new dev.domxml.binding.Clock();
        Map<String, String> rtc = options(clock.rtc());
        String base = rtc.getOrDefault("base", "utc");
        if (base.equals("utc") || base.equals("localtime")) {
            c.offset = base;
        } else {
            c.offset = "utc";
            warn("-rtc", "-rtc base=" + base + " is a moment, which <clock offset='absolute' start=...> gives in"
                    + " seconds and 'variable' relative to the start: the XML keeps UTC");
        }
        if (rtc.containsKey("clock") || rtc.containsKey("driftfix")) {
            dev.domxml.binding.Clock.Timer timer = timer("rtc");
            timer.track = Optional.ofNullable(rtc.get("clock"))
                    .map(source -> Map.of("vm", "guest", "host", "wall", "rt", "realtime").get(source)).orElse(null);
            timer.tickpolicy = "slew".equals(rtc.get("driftfix")) ? "catchup" : null;
            c.timers.add(timer);
        }
        clock.pitTickPolicy().ifPresent(policy -> timer(c, "pit").tickpolicy = policy);
        if (clock.noHpet()) {
            timer(c, "hpet").present = "no";
        }
        return c;
    }

    private static dev.domxml.binding.Clock.Timer timer(String name) {
        dev.domxml.binding.Clock.Timer timer = new dev.domxml.binding.Clock.Timer();
        timer.name = name;
        return timer;
    }

    private static dev.domxml.binding.Clock.Timer timer(dev.domxml.binding.Clock clock, String name) {
        dev.domxml.binding.Clock.Timer timer = timer(name);
        clock.timers.add(timer);
        return timer;
    }

    /**
     * The firmware: a ROM as {@code <loader type='rom'>}, flash as a pflash loader and its {@code <nvram>};
     * a read-only loader with no variable store is stateless, or libvirt would give it one.
     */
    private void firmware(Os os) {
        Firmware firmware = vm.firmware();
        firmware.kernel().kernel().ifPresent(path -> os.kernel = path);
        firmware.kernel().initrd().ifPresent(path -> os.initrd = path);
        firmware.kernel().cmdline().ifPresent(line -> os.cmdline = line);
        firmware.kernel().dtb().ifPresent(path -> os.dtb = path);
        if (firmware.serialOutput()) {
            os.bios = os.bios == null ? new OsBios() : os.bios;
            os.bios.useserial = "yes";
        }
        firmware.bios().ifPresent(path -> {
            os.loader = new Loader();
            os.loader.type = "rom";
            os.loader.path = path;
        });
        if (firmware.flash().isEmpty()) {
            return;
        }
        Firmware.FlashImage code = firmware.flash().get(0);
        if (!code.location().containsKey("filename")) {
            warn("pflash0", "the firmware code (pflash0) over " + code.driver() + " is not converted: a <loader> is a file");
            return;
        }
        os.loader = new Loader();
        os.loader.type = "pflash";
        os.loader.readonly = code.readOnly() ? "yes" : "no";
        os.loader.secure = firmware.secure() ? "yes" : null;
        os.loader.path = String.valueOf(code.location().get("filename"));
        if (firmware.flash().size() > 1) {
            os.nvram = nvram(firmware.flash().get(1));
        } else if (code.readOnly()) {
            os.loader.stateless = "yes";
        }
    }

    /** The variable store: a file as the element's text, a block device or a network image as a {@code <source>}. */
    private Nvram nvram(Firmware.FlashImage vars) {
        Nvram nvram = new Nvram();
        if (vars.file().isPresent()) {
            nvram.text.add(vars.file().get());
        } else if (vars.driver().equals("host_device")) {
            nvram.type = "block";
            nvram.source = new DiskSource();
            nvram.source.dev = String.valueOf(vars.location().get("filename"));
        } else {
            nvram.type = "network";
            nvram.source = networkSource(new NetworkNode("pflash1", vars.driver(), vars.location(), Optional.empty(),
                    true, "unmap"), "pflash1", "nvram");
        }
        return nvram;
    }

    /** Host NUMA bindings of the memory backends: all of RAM, or each guest cell's. */
    private Numatune numatune() {
        List<NumatuneMemnode> memnodes = new ArrayList<>();
        for (NumaNode node : vm.numa()) {
            node.hostPolicy().ifPresent(policy -> {
                NumatuneMemnode memnode = new NumatuneMemnode();
                memnode.cellid = String.valueOf(node.id());
                memnode.mode = numatuneMode(policy);
                memnode.nodeset = nodeset(policy.hostNodes());
                memnodes.add(memnode);
            });
        }
        if (vm.memoryPolicy().isEmpty() && memnodes.isEmpty()) {
            return null;
        }
        Numatune numatune = new Numatune();
        vm.memoryPolicy().ifPresent(policy -> {
            numatune.memory = new NumatuneMemory();
            numatune.memory.mode = numatuneMode(policy);
            numatune.memory.nodeset = nodeset(policy.hostNodes());
        });
        numatune.memnodes.addAll(memnodes);
        return numatune;
    }

    private static String numatuneMode(HostMemoryPolicy policy) {
        return policy.policy().equals("bind") ? "strict" : policy.policy();
    }

    private static String nodeset(List<Integer> nodes) {
        return nodes.stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(","));
    }

    private Os os() {
        Os os = new Os();
        os.type = new OsType();
        // qemu-system-i386 runs i686 guests; libvirt refuses it for arch='x86_64'.
        os.type.arch = vm.emulator().endsWith("qemu-system-i386") ? "i686" : "x86_64";
        os.type.machine = vm.machine().type();
        os.type.value = "hvm";
        firmware(os);
        boolean anyBootIndex = vm.devicesOf(DiskDevice.class).stream().anyMatch(d -> d.frontend().bootIndex().isPresent())
                || vm.devicesOf(NetworkDevice.class).stream().anyMatch(n -> n.bootIndex().isPresent())
                || vm.devicesOf(GenericDevice.class).stream()
                        .anyMatch(g -> g.kind() == GenericDevice.Kind.HOSTDEV && g.properties().containsKey("bootindex"))
                || vm.devicesOf(FloppyController.class).stream()
                        .anyMatch(f -> f.bootIndexA().isPresent() || f.bootIndexB().isPresent());
        boolean bootable = !vm.devicesOf(DiskDevice.class).isEmpty() || !vm.devicesOf(NetworkDevice.class).isEmpty();
        if (!anyBootIndex && bootable) {
            // No bootindex anywhere: libvirt's default <boot dev='hd'/> would give the first disk one, so the
            // XML names a boot device the guest does not have.
            Optional<String> absent = absentBootDevice();
            if (absent.isPresent()) {
                OsBoot none = new OsBoot();
                none.dev = absent.get();
                os.boots.add(none);
            } else {
                warn("-boot", "the line boots from no device, which domain XML cannot say when the guest has a floppy"
                        + " drive, a CD-ROM drive and a NIC: libvirt will boot from the first hard disk");
            }
        }
        if (vm.boot().menu()) {
            os.bootmenu = new BootMenu();
            os.bootmenu.enable = "yes";
            vm.boot().splashTimeMs().ifPresent(t -> os.bootmenu.timeout = String.valueOf(t));
        } else if (vm.boot().menuOff()) {
            os.bootmenu = new BootMenu();
            os.bootmenu.enable = "no";
        }
        if (!vm.systemInfo().smbiosTables().isEmpty()) {
            os.smbios = new Smbios();
            os.smbios.mode = "sysinfo";
        }
        vm.boot().rebootTimeoutMs().ifPresent(ms -> {
            os.bios = os.bios == null ? new OsBios() : os.bios;
            os.bios.rebootTimeout = String.valueOf(ms);
        });
        vm.firmware().slicTable().ifPresent(file -> {
            os.acpi = new OsAcpi();
            OsAcpi.Table table = new OsAcpi.Table();
            table.type = "slic";
            table.file = file;
            os.acpi.tables.add(table);
        });
        return os;
    }

    /** SMBIOS structures back into {@code <sysinfo type='smbios'>}, fw_cfg entries into {@code type='fwcfg'}. */
    private static List<Sysinfo> sysinfos(SystemInfo info) {
        List<Sysinfo> out = new ArrayList<>();
        if (!info.smbiosTables().isEmpty()) {
            Sysinfo smbios = new Sysinfo();
            smbios.type = "smbios";
            for (String table : info.smbiosTables()) {
                Sysinfo.Block block = new Sysinfo.Block();
                for (String part : table.replace(",,", "\0").split(",")) {
                    String[] kv = part.replace("\0", ",").split("=", 2);
                    if (kv[0].equals("type")) {
                        continue;
                    }
                    Sysinfo.Entry entry = new Sysinfo.Entry();
                    entry.name = table.startsWith("type=11") ? null : kv[0];
                    entry.value = kv.length > 1 ? kv[1] : "";
                    block.entries.add(entry);
                }
                switch (table.split(",", 2)[0]) {
                    case "type=0" -> smbios.bios = block;
                    case "type=1" -> smbios.system = block;
                    case "type=2" -> smbios.baseBoards.add(block);
                    case "type=3" -> smbios.chassis = block;
                    default -> smbios.oemStrings = block;
                }
            }
            out.add(smbios);
        }
        if (!info.firmwareConfig().isEmpty()) {
            Sysinfo fwcfg = new Sysinfo();
            fwcfg.type = "fwcfg";
            for (String text : info.firmwareConfig()) {
                // name=N,string=S or name=N,file=F: libvirt escapes no comma, so the rest is the value
                int comma = text.indexOf(',');
                Sysinfo.Entry entry = new Sysinfo.Entry();
                entry.name = text.substring("name=".length(), comma);
                String rest = text.substring(comma + 1);
                if (rest.startsWith("file=")) {
                    entry.file = rest.substring("file=".length());
                } else {
                    entry.value = rest.substring("string=".length());
                }
                fwcfg.entries.add(entry);
            }
            out.add(fwcfg);
        }
        return out;
    }

    /** A {@code <boot dev>} that matches none of the guest's devices, if there is one. */
    private Optional<String> absentBootDevice() {
        List<DiskDevice> disks = vm.devicesOf(DiskDevice.class);
        if (disks.stream().noneMatch(d -> d.frontend().driver().equals("floppy"))) {
            return Optional.of("fd");
        }
        if (disks.stream().noneMatch(d -> d.frontend().driver().endsWith("-cd"))) {
            return Optional.of("cdrom");
        }
        return vm.devicesOf(NetworkDevice.class).isEmpty() ? Optional.of("network") : Optional.empty();
    }

    /**
     * What libvirt writes last on -cpu, in this order: {@code pmu=} for {@code <features><pmu>}, then the
     * properties of {@code <cpu><cache>} and of {@code <cpu><maxphysaddr>}; {@code model} is what is left.
     */
    private record CpuTail(String model, Optional<Boolean> pmu, Optional<CpuCache> cache, Optional<CpuMaxPhysAddr> address) {
        static CpuTail of(String written) {
            List<String> parts = new ArrayList<>(List.of(written.split(",")));
            Optional<CpuMaxPhysAddr> address = Optional.empty();
            String last = parts.get(parts.size() - 1);
            if (parts.size() > 1 && (last.equals("host-phys-bits=on") || last.matches("phys-bits=\\d+"))) {
                CpuMaxPhysAddr a = new CpuMaxPhysAddr();
                a.mode = last.startsWith("host-") ? "passthrough" : "emulate";
                a.bits = last.startsWith("host-") ? null : last.substring("phys-bits=".length());
                address = Optional.of(a);
                parts.remove(parts.size() - 1);
            }
            Optional<CpuCache> cache = Optional.empty();
            int n = parts.size();
            String tail = String.join(",", parts.subList(Math.max(1, n - 2), n));
            for (String[] form : CACHE_FORMS) {
                if (n > form[0].split(",").length && (tail.equals(form[0]) || tail.endsWith("," + form[0]))) {
                    CpuCache c = new CpuCache();
                    c.mode = form[1];
                    c.level = form[1].equals("emulate") ? "3" : null;
                    cache = Optional.of(c);
                    parts = parts.subList(0, n - form[0].split(",").length);
                    break;
                }
            }
            Optional<Boolean> pmu = Optional.empty();
            last = parts.get(parts.size() - 1);
            if (parts.size() > 1 && (last.equals("pmu=on") || last.equals("pmu=off"))) {
                pmu = Optional.of(last.equals("pmu=on"));
                parts = parts.subList(0, parts.size() - 1);
            }
            return new CpuTail(String.join(",", parts), pmu, cache, address);
        }

        /** The -cpu endings of each cache mode, longest first (host-cache-info=off on host CPUs only). */
        private static final String[][] CACHE_FORMS = {
            {"l3-cache=on,host-cache-info=off", "emulate"}, {"host-cache-info=on,l3-cache=off", "passthrough"},
            {"host-cache-info=off,l3-cache=off", "disable"}, {"l3-cache=on", "emulate"}, {"l3-cache=off", "disable"}};
    }

    private Optional<Boolean> pmu() {
        return CpuTail.of(vm.machine().cpuModel()).pmu();
    }

    private Cpu cpu() {
        String written = vm.machine().cpuModel();
        CpuTail tail = CpuTail.of(written);
        String cpuModel = tail.model();
        String[] parts = cpuModel.split(",");
        String model = parts[0];
        Smp smp = vm.smp();
        boolean topology = smp.dies().isPresent() || smp.cores() != 1 || smp.threads() != 1 || smp.sockets() != smp.maxCpus();
        List<CpuFeature> features = new ArrayList<>();
        Optional<String> vendor = Optional.empty();
        List<String> notConverted = new ArrayList<>();
        Optional<String> migratable = Optional.empty();
        for (int i = 1; i < parts.length && !cpuModel.equals("host,migratable=on"); i++) {
            if (parts[i].startsWith("migratable=") && (model.equals("host") || model.equals("max"))) {
                migratable = Optional.of(parts[i].substring("migratable=".length()));
                continue;
            }
            // QEMU's older spelling: +flag and -flag for flag=on and flag=off
            String part = parts[i].matches("[+-][\\w.-]+") ? parts[i].substring(1) + (parts[i].startsWith("+") ? "=on" : "=off")
                    : parts[i];
            String[] kv = part.split("=", 2);
            if (kv[0].equals("vendor") && kv.length == 2) {
                vendor = Optional.of(kv[1]);
            } else if (kv.length == 2 && (kv[1].equals("on") || kv[1].equals("off"))
                    && !kv[0].startsWith("hv-") && !kv[0].startsWith("kvm")) {
                CpuFeature feature = new CpuFeature();
                feature.policy = kv[1].equals("on") ? "require" : "disable";
                feature.name = GuestCpu.libvirtFeatureName(kv[0]);
                features.add(feature);
            } else {
                notConverted.add(parts[i]);
            }
        }
        if (!notConverted.isEmpty()) {
            warn("-cpu", "-cpu " + written + ": CPU flags " + String.join(",", notConverted)
                    + " are not converted; the XML names model " + model);
        }
        if (model.equals("qemu64") && !topology && vm.numa().isEmpty() && features.isEmpty() && vendor.isEmpty()
                && tail.cache().isEmpty() && tail.address().isEmpty()) {
            return null;
        }
        Cpu cpu = new Cpu();
        boolean named = !model.equals("host") && !model.equals("max")
                && (!model.equals("qemu64") || !features.isEmpty() || vendor.isPresent());
        switch (model) {
            case "host" -> {
                cpu.mode = "host-passthrough";
                cpu.migratable = migratable.filter("off"::equals).orElse(null); // on is host-passthrough's default
            }
            case "max" -> {
                cpu.mode = "maximum";
                cpu.migratable = migratable.orElse(null);
            }
            default -> {
                if (named) {
                    cpu.mode = "custom";
                    cpu.match = "exact";
                    cpu.model = new CpuModel();
                    cpu.model.fallback = "forbid";
                    cpu.model.value = model;
                    cpu.model.vendorId = vendor.orElse(null);
                }
            }
        }
        cpu.features.addAll(features);
        tail.cache().ifPresent(cpu.caches::add);
        tail.address().ifPresent(cpu.maxPhysAddrs::add);
        if (topology) {
            cpu.topology = new CpuTopology();
            cpu.topology.sockets = String.valueOf(smp.sockets());
            smp.dies().ifPresent(v -> cpu.topology.dies = String.valueOf(v));
            cpu.topology.cores = String.valueOf(smp.cores());
            cpu.topology.threads = String.valueOf(smp.threads());
        }
        if (!vm.numa().isEmpty()) {
            cpu.numa = new Numa();
            for (NumaNode node : vm.numa()) {
                NumaCell cell = new NumaCell();
                cell.id = String.valueOf(node.id());
                // a node without vCPUs (a memory-only node of an HMAT) has no cpus attribute
                cell.cpus = node.cpus().isEmpty() ? null
                        : node.cpus().stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(","));
                cell.memory = String.valueOf(node.memoryBytes() / 1024);
                cell.unit = "KiB";
                if (!node.distances().isEmpty()) {
                    cell.distances = new NumaDistances();
                    for (int to = 0; to < node.distances().size(); to++) {
                        NumaSibling sibling = new NumaSibling();
                        sibling.id = String.valueOf(to);
                        sibling.value = String.valueOf(node.distances().get(to));
                        cell.distances.siblings.add(sibling);
                    }
                }
                node.backing().share().ifPresent(share -> cell.memAccess = share ? "shared" : "private");
                node.backing().discard().ifPresent(discard -> cell.discard = discard ? "yes" : "no");
                vm.machine().hmat().caches().stream().filter(c -> c.node() == node.id()).forEach(c -> cell.caches.add(cache(c)));
                cpu.numa.cells.add(cell);
            }
            if (!vm.machine().hmat().links().isEmpty()) {
                cpu.numa.interconnects = vm.machine().hmat().links().stream().map(DomainXmlBuilder::interconnect).toList();
            }
        }
        return cpu;
    }

    /**
     * {@code <memoryBacking>}'s source, access, allocation and discard from the backends of all of RAM (pc.ram,
     * else the NUMA nodes'; a node's own access and discard go on its cell); none when RAM is plain.
     */
    private static dev.domxml.binding.MemoryBacking memoryBacking(List<RamBacking> backings) {
        if (backings.stream().allMatch(RamBacking.PLAIN::equals)) {
            return null;
        }
        dev.domxml.binding.MemoryBacking out = new dev.domxml.binding.MemoryBacking();
        RamBacking first = backings.get(0);
        if (backings.stream().allMatch(b -> b.kind() == RamBacking.Kind.MEMFD)) {
            out.source = new dev.domxml.binding.MemoryBacking.Source();
            out.source.type = "memfd";
        } else if (backings.stream().anyMatch(b -> b.kind() == RamBacking.Kind.FILE && b.share().isEmpty())) {
            out.source = new dev.domxml.binding.MemoryBacking.Source();
            out.source.type = "file";
        }
        if (backings.size() == 1 || first.kind() == RamBacking.Kind.MEMFD) {
            // pc.ram's access and discard are the domain's; a memfd node's share too (a cell's memAccess would make it a file)
            first.share().ifPresent(share -> {
                out.access = new dev.domxml.binding.MemoryBacking.Access();
                out.access.mode = share ? "shared" : "private";
            });
        }
        if (backings.size() == 1 && first.discard().orElse(false)) {
            out.discard = new Flag();
        }
        if (first.prealloc() || first.preallocThreads().isPresent()) {
            out.allocation = new dev.domxml.binding.MemoryBacking.Allocation();
            out.allocation.mode = first.prealloc() ? "immediate" : "ondemand";
            first.preallocThreads().ifPresent(t -> out.allocation.threads = String.valueOf(t));
        }
        return out;
    }

    private static NumaCache cache(Machine.Hmat.Cache cache) {
        NumaCache out = new NumaCache();
        out.level = String.valueOf(cache.level());
        out.associativity = cache.associativity().equals("complex") ? "full" : cache.associativity();
        out.policy = cache.policy().replace("-", "");
        out.size = new NumaCache.Amount();
        out.size.value = String.valueOf(cache.sizeKiB());
        out.size.unit = "KiB";
        out.line = new NumaCache.Amount();
        out.line.value = String.valueOf(cache.lineBytes());
        out.line.unit = "B";
        return out;
    }

    private static NumaInterconnect interconnect(Machine.Hmat.Link link) {
        NumaInterconnect out = link.latency() ? new NumaInterconnect.Latency() : new NumaInterconnect.Bandwidth();
        out.initiator = String.valueOf(link.initiator());
        out.target = String.valueOf(link.target());
        out.cache = link.level() == 0 ? null : String.valueOf(link.level());
        out.type = link.access();
        out.value = String.valueOf(link.value());
        out.unit = link.latency() ? null : "KiB";
        return out;
    }

    private Devices devices() {
        Devices devices = new Devices();
        String emulator = vm.emulator();
        if (emulator.startsWith("/") && emulator.substring(emulator.lastIndexOf('/') + 1).startsWith("qemu-system-")) {
            devices.emulator = emulator;
        } else if (!emulator.equals("qemu-system-x86_64")) {
            warn(CommandLineReader.BINARY, "binary " + emulator + " is not a qemu-system binary libvirt knows: the XML"
                    + " leaves the emulator to libvirt's default");
        }
        int usbIndex = 0;
        for (Device device : vm.devices()) {
            if (device instanceof DiskDevice disk) {
                devices.disks.add(disk(disk));
            } else if (device instanceof PciePort port) {
                Controller c = controller("pci", numbering.pciBusIndex(port.id()),
                        port.isRootPort() ? "pcie-root-port" : "pcie-switch-downstream-port", port.address());
                if (port.driver().equals("ioh3420")) {
                    c.modelName = new ControllerModel();
                    c.modelName.name = port.driver();
                }
                c.target = new ControllerTarget();
                c.target.chassis = String.valueOf(port.chassis());
                c.target.port = "0x" + Integer.toHexString(port.port());
                port.hotplug().ifPresent(on -> c.target.hotplug = onOff(on));
                devices.controllers.add(c);
            } else if (device instanceof PciExpanderBus bus) {
                Controller c = controller("pci", numbering.pciBusIndex(bus.id()),
                        bus.driver().equals("pxb-pcie") ? "pcie-expander-bus" : "pci-expander-bus", bus.address());
                c.target = new ControllerTarget();
                c.target.busNr = String.valueOf(bus.busNr());
                bus.numaNode().ifPresent(node -> c.target.node = String.valueOf(node));
                devices.controllers.add(c);
            } else if (device instanceof PciBridge bridge) {
                Controller c = controller("pci", numbering.pciBusIndex(bridge.id()),
                        BRIDGE_MODELS.getOrDefault(bridge.driver(), "pci-bridge"), bridge.address());
                if (bridge.chassisNr() >= 0 && bridge.driver().equals("pci-bridge")) {
                    c.target = new ControllerTarget();
                    c.target.chassisNr = String.valueOf(bridge.chassisNr());
                }
                devices.controllers.add(c);
            } else if (device instanceof UsbController usb) {
                Controller usbController = controller("usb", usbIndex++,
                        USB_MODELS.getOrDefault(usb.driver(), usb.driver()), usb.address());
                usb.ports().ifPresent(ports -> usbController.ports = String.valueOf(ports));
                devices.controllers.add(usbController);
            } else if (device instanceof StorageController sc) {
                if (!addedByLibvirt(sc)) {
                    devices.controllers.add(storageController(sc));
                }
            } else if (device instanceof NetworkDevice nic) {
                devices.interfaces.add(nic(nic));
            } else if (device instanceof BalloonDevice balloon) {
                devices.memballoon = new MemBalloon();
                devices.memballoon.model = "virtio";
                devices.memballoon.address = pci(balloon.address());
                devices.memballoon.acpi = acpi(balloon.address());
                devices.memballoon.autodeflate = balloon.deflateOnOom().map(DomainXmlBuilder::onOff).orElse(null);
                devices.memballoon.freePageReporting = balloon.freePageReporting().map(DomainXmlBuilder::onOff).orElse(null);
                if (!balloon.virtio().equals(VirtioOptions.NONE)) {
                    devices.memballoon.driver = new DeviceDriver();
                    virtioDriver(devices.memballoon.driver, balloon.virtio());
                }
            } else if (device instanceof GenericDevice generic) {
                generic(generic, devices);
            }
        }
        rootController().ifPresent(devices.controllers::add);
        if (usbIndex == 0) {
            Controller none = new Controller();
            none.type = "usb";
            none.model = "none";
            devices.controllers.add(none);
        }
        if (devices.memballoon == null) {
            devices.memballoon = new MemBalloon();
            devices.memballoon.model = "none";
        }
        graphics(devices);
        return devices;
    }

    /** The displays and audio backends back from -vnc, -spice, -display and -audiodev. */
    private void graphics(Devices devices) {
        Graphics last = null;
        for (Display.Output output : vm.display().outputs()) {
            Map<String, String> options = options(output.value());
            switch (output.option()) {
                case "-vnc" -> {
                    Graphics g = new Graphics();
                    g.type = "vnc";
                    String where = options.keySet().iterator().next();
                    if (where.equals("vnc") && options.get("vnc").startsWith("unix:")) {
                        g.listens.add(listen("socket", null, options.get("vnc").substring("unix:".length())));
                    } else if (where.equals("none")) {
                        g.listens.add(listen("none", null, null));
                    } else {
                        int colon = where.lastIndexOf(':');
                        String address = where.substring(0, colon).replace("[", "").replace("]", "");
                        g.port = String.valueOf(5900 + Integer.parseInt(where.substring(colon + 1)));
                        g.autoport = "no";
                        g.listen = address;
                        g.websocket = options.get("websocket");
                    }
                    g.sharePolicy = options.get("share");
                    if ("on".equals(options.get("password"))) {
                        warn("-vnc", "the VNC password is set over QMP, not on the command line: the XML has none");
                    }
                    g.powerControl = Optional.ofNullable(options.get("power-control")).map(on -> on.equals("on") ? "yes" : "no")
                            .orElse(null);
                    devices.graphics.add(g);
                    last = g;
                }
                case "-spice" -> {
                    Graphics g = new Graphics();
                    g.type = "spice";
                    if (options.containsKey("unix")) {
                        g.listens.add(listen("socket", null, options.get("addr")));
                    } else if ("0".equals(options.get("port"))) {
                        g.listens.add(listen("none", null, null));
                    } else {
                        g.port = options.get("port");
                        g.autoport = "no";
                        g.listen = options.get("addr");
                    }
                    if (!options.containsKey("disable-ticketing")) {
                        warn("-spice", "the SPICE password is set over QMP, not on the command line: the XML has none");
                    }
                    devices.graphics.add(g);
                    last = g;
                }
                case "-display" -> {
                    Graphics g = new Graphics();
                    String kind = options.keySet().iterator().next();
                    if (!kind.equals("sdl") && !kind.equals("egl-headless") && !kind.equals("dbus")) {
                        warn("-display", "-display " + kind + " has no domain XML form here: left out");
                        continue;
                    }
                    g.type = kind;
                    if (kind.equals("dbus")) {
                        dbus(g, options);
                    }
                    if (options.containsKey("rendernode") || options.containsKey("gl")) {
                        g.gl = new Graphics.Gl();
                        g.gl.rendernode = options.get("rendernode");
                        g.gl.enable = Optional.ofNullable(options.get("gl")).map(on -> on.equals("on") ? "yes" : "no")
                                .orElse(null);
                    }
                    if (kind.equals("sdl") && vm.display().outputs().stream().anyMatch(o -> o.option().equals("-full-screen"))) {
                        g.fullscreen = "yes";
                    }
                    devices.graphics.add(g);
                    last = g;
                }
                case "-k" -> {
                    if (last != null) {
                        last.keymap = output.value();
                    }
                }
                default -> { }
            }
        }
        for (Map<String, Object> audio : vm.display().audio()) {
            String id = String.valueOf(audio.get("id"));
            String driver = String.valueOf(audio.get("driver"));
            boolean implied = audio.size() == 2 && id.equals("audio1")
                    && driver.equals(devices.graphics.stream().anyMatch(g -> g.type.equals("spice")) ? "spice" : "none");
            if (implied || !id.matches("audio\\d+")) {
                continue; // libvirt adds this one itself
            }
            Audio a = new Audio();
            a.id = id.substring("audio".length());
            a.type = AUDIO_TYPES.getOrDefault(driver, driver);
            a.timerPeriod = Optional.ofNullable(audio.get("timer-period")).map(String::valueOf).orElse(null);
            a.path = Optional.ofNullable(audio.get("path")).map(String::valueOf).orElse(null);
            a.serverName = Optional.ofNullable(audio.get("server")).map(String::valueOf).orElse(null);
            if (audio.keySet().stream().anyMatch(k -> !Set.of("id", "driver", "timer-period", "path", "server").contains(k))) {
                warn("-audiodev", "-audiodev " + id + ": stream and backend settings are left out of <audio>");
            }
            devices.audios.add(a);
        }
    }

    private static final Map<String, String> AUDIO_TYPES = Map.of("pa", "pulseaudio", "wav", "file");

    /** A D-Bus display's connection (peer to peer or the bus address) and the audio backend it carries. */
    private static void dbus(Graphics g, Map<String, String> options) {
        if ("on".equals(options.get("p2p"))) {
            g.p2p = "yes";
        }
        g.address = options.get("addr");
        Optional.ofNullable(options.get("audiodev")).filter(id -> id.matches("audio\\d+")).ifPresent(id -> {
            Element audio = newElement("audio");
            audio.setAttribute("id", id.substring("audio".length()));
            g.otherElements.add(audio);
        });
    }

    private static Graphics.Listen listen(String type, String address, String socket) {
        Graphics.Listen listen = new Graphics.Listen();
        listen.type = type;
        listen.address = address;
        listen.socket = socket;
        return listen;
    }

    /**
     * libvirt keeps the controllers written in the XML sorted by index and appends those it adds itself
     * (an lsilogic for a SCSI disk whose controller index is missing). An lsi controller that comes after a
     * higher-indexed SCSI controller on the line, with a disk on it, is such a one: the XML leaves it for
     * libvirt to add again, so that the order comes out the same. (One with no disk was written.)
     */
    private boolean addedByLibvirt(StorageController sc) {
        boolean hasDisk = vm.devicesOf(DiskDevice.class).stream()
                .anyMatch(d -> d.frontend().address() instanceof ScsiAddress s && s.bus().startsWith(sc.id() + "."));
        if (sc.kind() != StorageControllerKind.LSI || !hasDisk) {
            return false;
        }
        int index = numbering.controllerIndex(sc);
        for (StorageController other : vm.devicesOf(StorageController.class)) {
            if (other == sc) {
                return false;
            }
            if (other.kind() != StorageControllerKind.AHCI && numbering.controllerIndex(other) > index) {
                return true;
            }
        }
        return false;
    }

    private int virtioSerialIndex;

    /** The root bus's controller, written only for its 64-bit PCI hole or hotplug (libvirt adds it otherwise). */
    private Optional<Controller> rootController() {
        Machine.PciRoot root = vm.machine().pciRoot();
        if (root.hole64KiB().isEmpty() && root.hotplug().isEmpty()) {
            return Optional.empty();
        }
        Controller c = new Controller();
        c.type = "pci";
        c.index = "0";
        c.model = vm.machine().family() == MachineFamily.Q35 ? "pcie-root" : "pci-root";
        root.hole64KiB().ifPresent(kib -> {
            c.pcihole64 = new Memory();
            c.pcihole64.unit = "KiB";
            c.pcihole64.value = String.valueOf(kib);
        });
        root.hotplug().ifPresent(on -> {
            c.target = new ControllerTarget();
            c.target.hotplug = onOff(on);
        });
        return Optional.of(c);
    }

    private Controller controller(String type, int index, String model, PciAddress address) {
        Controller c = new Controller();
        c.type = type;
        c.index = String.valueOf(index);
        c.model = model;
        c.address = pci(address);
        c.acpi = acpi(address);
        return c;
    }

    /** A storage controller on PCI, or on sPAPR VIO at its reg (none: QEMU's pick, which the XML cannot say). */
    private Controller controller(String type, int index, String model, DeviceAddress address) {
        if (address instanceof PciAddress pci) {
            return controller(type, index, model, pci);
        }
        Controller c = new Controller();
        c.type = type;
        c.index = String.valueOf(index);
        c.model = model;
        if (address instanceof SpaprVioAddress vio && vio.reg().isPresent()) {
            c.address = new Address();
            c.address.type = "spapr-vio";
            c.address.reg = "0x" + Long.toHexString(vio.reg().getAsLong());
        }
        return c;
    }

    private Controller storageController(StorageController sc) {
        int index = numbering.controllerIndex(sc);
        if (sc.kind() == StorageControllerKind.AHCI) {
            Controller c = controller("sata", index, null, sc.address());
            return c;
        }
        Controller c = controller("scsi", index, SCSI_MODELS.get(sc.kind()), sc.address());
        if (sc.iothread().isPresent() || sc.numQueues().isPresent() || sc.cmdPerLun().isPresent()
                || sc.maxSectors().isPresent() || sc.ioeventfd().isPresent() || !sc.virtio().equals(VirtioOptions.NONE)) {
            c.driver = new ControllerDriver();
            virtioDriver(c.driver, sc.virtio());
            sc.iothread().ifPresent(t -> c.driver.iothread = String.valueOf(numbering.iothreadId(t)));
            sc.numQueues().ifPresent(q -> c.driver.queues = String.valueOf(q));
            sc.cmdPerLun().ifPresent(q -> c.driver.cmdPerLun = String.valueOf(q));
            sc.maxSectors().ifPresent(q -> c.driver.maxSectors = String.valueOf(q));
            sc.ioeventfd().ifPresent(on -> c.driver.ioeventfd = onOff(on));
        }
        return c;
    }

    /** libvirt's own helper is {@code managed='yes'}; any other is the user's, reached through its socket. */
    private static DiskSource.Reservations reservations(PrManager manager) {
        DiskSource.Reservations pr = new DiskSource.Reservations();
        pr.managed = manager.managed() ? "yes" : "no";
        if (!manager.managed()) {
            pr.source = new Endpoint();
            pr.source.type = "unix";
            pr.source.path = manager.socket();
            pr.source.mode = "client";
        }
        return pr;
    }

    /** A network node as a {@code <source>}, with a warning naming what of it domain XML cannot say. */
    private DiskSource networkSource(NetworkNode network, String key, String what) {
        NetworkSourceXml.Converted converted = NetworkSourceXml.of(network);
        if (!converted.leftOut().isEmpty()) {
            warn(key, what + ": " + network.driver() + " storage options " + String.join(", ", converted.leftOut())
                    + " are not converted to domain XML");
        }
        return converted.source();
    }

    /** A file or host block device as a {@code <source file>} or {@code <source dev>}. */
    private static DiskSource fileSource(ProtocolNode node) {
        DiskSource source = new DiskSource();
        if (node.driver().equals("file")) {
            source.file = node.filename();
        } else {
            source.dev = node.filename();
        }
        return source;
    }

    private static MetadataCache metadataCache(long bytes) {
        MetadataCache cache = new MetadataCache();
        cache.maxSize = new Memory();
        cache.maxSize.unit = "bytes";
        cache.maxSize.value = String.valueOf(bytes);
        return cache;
    }

    /**
     * The {@code <backingStore>} a format node's backing link stands for: none when QEMU is left to open what
     * the image names, an empty one when the chain ends, else the backing image, with its own link below it.
     */
    private BackingStore backingStore(DiskDevice disk, BackingLink link) {
        if (link == BackingLink.FROM_IMAGE) {
            return null;
        }
        BackingStore store = new BackingStore();
        if (!(link instanceof BackingLink.Node node)) {
            return store;
        }
        FormatNode format = (FormatNode) disk.backingNode(node.name()).orElseThrow();
        store.format = new BackingStore.Format();
        store.format.type = format.driver();
        format.cacheSize().ifPresent(bytes -> store.format.metadataCache = metadataCache(bytes));
        BlockNode storage = disk.backingNode(format.file()).orElseThrow();
        if (storage instanceof NetworkNode network) {
            store.type = "network";
            store.source = networkSource(network, disk.id(), disk.id() + " backing image " + node.name());
        } else {
            ProtocolNode file = (ProtocolNode) storage;
            store.type = file.driver().equals("file") ? "file" : "block";
            store.source = fileSource(file);
        }
        store.backingStore = backingStore(disk, format.backing());
        return store;
    }

    private Disk disk(DiskDevice disk) {
        DiskFrontend f = disk.frontend();
        Placement placement = numbering.placement(f);
        Optional<ProtocolNode> protocol = disk.protocolNode();
        Optional<FormatNode> format = disk.formatNode();
        Disk d = new Disk();
        boolean lun = f.driver().equals("scsi-block") || f.scsiPassthrough();
        boolean cdrom = f.driver().endsWith("-cd");
        boolean floppy = f.driver().equals("floppy");
        d.device = lun ? "lun" : cdrom ? "cdrom" : floppy ? "floppy" : "disk";
        d.type = protocol.map(p -> p.driver().equals("file") ? "file" : "block").orElse("file");
        d.backingStore = format.map(node -> backingStore(disk, node.backing())).orElse(null);
        if (f.driver().endsWith("-non-transitional")) {
            d.model = "virtio-non-transitional";
        } else if (f.driver().endsWith("-transitional")) {
            d.model = "virtio-transitional";
        }
        DiskDriver driver = new DiskDriver();
        driver.name = "qemu";
        driver.type = format.map(FormatNode::driver).orElse("raw");
        cacheMode(disk).ifPresent(mode -> driver.cache = mode);
        protocol.flatMap(ProtocolNode::aio).ifPresent(aio -> driver.io = aio);
        format.flatMap(FormatNode::discard).ifPresent(v -> driver.discard = v);
        format.flatMap(FormatNode::detectZeroes).ifPresent(v -> driver.detectZeroes = v);
        if (disk.filterNode().isPresent()) {
            driver.copyOnRead = "on";
        }
        f.iothread().ifPresent(t -> driver.iothread = String.valueOf(numbering.iothreadId(t)));
        f.numQueues().ifPresent(q -> driver.queues = String.valueOf(q));
        f.ioeventfd().ifPresent(on -> driver.ioeventfd = onOff(on));
        f.eventIdx().ifPresent(on -> driver.eventIdx = onOff(on));
        f.queueSize().ifPresent(size -> driver.queueSize = String.valueOf(size));
        virtioDriver(driver, f.virtio());
        errorPolicies(driver, f.tuning());
        format.ifPresent(node -> node.cacheSize().ifPresent(bytes -> driver.metadataCache = metadataCache(bytes)));
        d.driver = driver;
        if (disk.isVhostUser()) {
            vhostUserSource(d, disk);
        }
        disk.networkNode().filter(node -> node.driver().equals("vvfat")).ifPresent(vvfat -> {
            d.type = "dir";
            d.source = new DiskSource();
            d.source.dir = String.valueOf(vvfat.location().get("dir"));
            driver.type = "fat"; // libvirt reads the made-up image through a raw format node
        });
        disk.networkNode().filter(node -> !node.driver().equals("vvfat")).ifPresent(network -> {
            d.type = "network";
            d.source = networkSource(network, f.id(), f.id());
        });
        protocol.ifPresent(p -> {
            d.source = fileSource(p);
            p.prManager().ifPresent(manager -> d.source.reservations = reservations(manager));
        });
        d.target = new DiskTarget();
        d.target.dev = disk.targetDev();
        d.target.bus = placement.bus();
        f.rotationRate().ifPresent(r -> d.target.rotationRate = String.valueOf(r));
        OptionalInt bootIndex = f.address() instanceof FloppyAddress drive ? floppyBootIndex(drive.unit()) : f.bootIndex();
        bootIndex.ifPresent(i -> {
            d.boot = new BootOrder();
            d.boot.order = String.valueOf(i);
        });
        if (format.map(FormatNode::readOnly).orElse(false)) {
            d.readonly = new Flag();
        }
        if (f.shareRw()) {
            d.shareable = new Flag();
        }
        d.serial = f.serial().map(DomainXmlBuilder::unescape).orElse(null);
        if (d.serial != null && !SAFE_SERIAL.matcher(d.serial).matches()) {
            warn(f.id(), "serial '" + d.serial + "' of " + f.id() + " has characters libvirt refuses (it takes letters,"
                    + " digits, space and _.+-): change it in the XML");
        }
        d.wwn = f.wwn().map(w -> String.format("%016x", w)).orElse(null);
        d.vendor = f.vendor().orElse(null);
        d.product = f.product().orElse(null);
        DiskTuning tuning = f.tuning();
        if (tuning.logicalBlockSize().isPresent() || tuning.physicalBlockSize().isPresent()) {
            d.blockio = new BlockIo();
            tuning.logicalBlockSize().ifPresent(size -> d.blockio.logicalBlockSize = String.valueOf(size));
            tuning.physicalBlockSize().ifPresent(size -> d.blockio.physicalBlockSize = String.valueOf(size));
        }
        if (!tuning.geometry().equals(ChsGeometry.NONE)) {
            ChsGeometry chs = tuning.geometry();
            d.geometry = new DiskGeometry();
            chs.cylinders().ifPresent(n -> d.geometry.cyls = String.valueOf(n));
            chs.heads().ifPresent(n -> d.geometry.heads = String.valueOf(n));
            chs.sectors().ifPresent(n -> d.geometry.secs = String.valueOf(n));
            d.geometry.trans = chs.translation().orElse(null);
        }
        if (placement.address().isPresent()) {
            d.address = driveAddress(placement.address().get());
        } else if (f.address() instanceof PciAddress pci) {
            d.address = pci(pci);
            d.acpi = acpi(pci);
        } else if (f.address() instanceof UsbAddress usb) {
            d.address = new Address();
            d.address.type = "usb";
            d.address.bus = "0";
            d.address.port = usb.port();
        }
        f.tuning().removable().filter(on -> on).ifPresent(on -> d.target.removable = "on");
        f.deviceId().ifPresent(id -> {
            String expected = f.serial().map(DomainXmlBuilder::unescape).orElse("drive-" + libvirtAlias(placement));
            if (!id.equals(expected)) {
                deviceIds.add(f.id() + " (" + id + ", libvirt: " + expected + ")");
                firstDeviceId = deviceIds.size() == 1 ? f.id() : firstDeviceId;
            }
        });
        return d;
    }

    /** A vhost-user disk's unix socket and reconnect timeout, from the -chardev it names. */
    private void vhostUserSource(Disk d, DiskDevice disk) {
        d.type = "vhostuser";
        d.source = new DiskSource();
        d.source.type = "unix";
        for (GenericDevice.Backend backend : disk.backends()) {
            if (!backend.option().equals("-chardev")) {
                continue;
            }
            for (String part : commaSeparated(backend.value())) {
                if (part.startsWith("path=")) {
                    d.source.path = part.substring("path=".length());
                } else if (part.startsWith("reconnect=")) {
                    String seconds = part.substring("reconnect=".length());
                    d.source.reconnect = new Endpoint.Reconnect();
                    d.source.reconnect.enabled = seconds.equals("0") ? "no" : "yes";
                    d.source.reconnect.timeout = seconds.equals("0") ? null : seconds;
                }
            }
        }
    }

    /** A key=value list's parts, a doubled comma being a comma of the value. */
    private static List<String> commaSeparated(String text) {
        List<String> parts = new ArrayList<>();
        StringBuilder part = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == ',' && i + 1 < text.length() && text.charAt(i + 1) == ',') {
                part.append(',');
                i++;
            } else if (c == ',') {
                parts.add(part.toString());
                part.setLength(0);
            } else {
                part.append(c);
            }
        }
        parts.add(part.toString());
        return parts;
    }

    private static void virtioDriver(VirtioDriver driver, VirtioOptions options) {
        driver.iommu = options.iommuPlatform().map(DomainXmlBuilder::onOff).orElse(null);
        driver.ats = options.ats().map(DomainXmlBuilder::onOff).orElse(null);
        driver.packed = options.packed().map(DomainXmlBuilder::onOff).orElse(null);
        driver.pagePerVq = options.pagePerVq().map(DomainXmlBuilder::onOff).orElse(null);
    }

    private static String onOff(boolean on) {
        return on ? "on" : "off";
    }

    /**
     * QEMU's werror/rerror as libvirt's policies. libvirt's read policy follows the write policy unless
     * written, so rerror_policy is written only where it differs; a read policy QEMU leaves at its default
     * under a set write policy becomes 'report', which is what QEMU does.
     */
    private static void errorPolicies(DiskDriver driver, DiskTuning tuning) {
        Optional<String> write = tuning.writeErrorPolicy().map(p -> p.equals("enospc") ? "enospace" : p);
        Optional<String> followed = write.filter(p -> !p.equals("enospace"));
        Optional<String> read = tuning.readErrorPolicy().or(() -> followed.isPresent() ? Optional.of("report") : Optional.empty());
        driver.errorPolicy = write.orElse(null);
        driver.rerrorPolicy = read.equals(followed) ? null : read.orElse(null);
    }

    /** A floppy drive's boot index, which the floppy controller holds for drives A and B. */
    private OptionalInt floppyBootIndex(int unit) {
        return vm.devicesOf(FloppyController.class).stream().findFirst()
                .map(fdc -> unit == 0 ? fdc.bootIndexA() : fdc.bootIndexB()).orElse(OptionalInt.empty());
    }

    private String libvirtAlias(Placement placement) {
        DriveAddress a = placement.address().orElseThrow();
        boolean lsi = vm.devicesOf(StorageController.class).stream()
                .anyMatch(c -> c.kind() == StorageControllerKind.LSI && numbering.controllerIndex(c) == a.controller());
        return lsi ? "scsi" + a.controller() + "-" + a.bus() + "-" + a.unit()
                : "scsi" + a.controller() + "-" + a.bus() + "-" + a.target() + "-" + a.unit();
    }

    /** libvirt's cache mode from the nodes' flags and the frontend's write cache (on unless written off). */
    private Optional<String> cacheMode(DiskDevice disk) {
        Optional<CacheFlags> flags = disk.formatNode().flatMap(FormatNode::cache)
                .or(() -> disk.protocolNode().flatMap(ProtocolNode::cache));
        Optional<Boolean> writeCache = disk.frontend().writeCache();
        if (flags.isEmpty() && writeCache.isEmpty()) {
            return Optional.empty();
        }
        CacheFlags f = flags.orElse(new CacheFlags(false, false));
        boolean wc = writeCache.orElse(true);
        Optional<CacheMode> mode = CacheMode.fromFlags(f.direct(), f.noFlush(), wc);
        if (mode.isEmpty()) {
            warn(disk.id(), "disk " + disk.targetDev() + ": cache.direct=" + f.direct() + " with cache.no-flush="
                    + f.noFlush() + " and write-cache " + (wc ? "on" : "off") + " is no libvirt cache mode; the XML says"
                    + " cache='none'");
            return Optional.of("none");
        }
        return Optional.of(mode.get().xmlName());
    }

    private Interface nic(NetworkDevice nic) {
        Interface i = new Interface();
        i.type = "user";
        if (!nic.netdevType().equals("user")) {
            warn(nic.id(), "-netdev " + nic.netdevType() + " (" + nic.netdevId() + ") of " + nic.id() + " becomes a"
                    + " user-mode interface: a command line cannot say which host network it was; edit"
                    + " <interface type='user'> to type='network' or 'bridge'");
        }
        i.mac = new MacAddress();
        i.mac.address = nic.mac();
        i.model = new ModelType();
        i.model.type = nic.driver().equals("virtio-net-pci") ? "virtio" : nic.driver();
        nic.bootIndex().ifPresent(b -> {
            i.boot = new BootOrder();
            i.boot.order = String.valueOf(b);
        });
        i.address = pci(nic.address());
        i.acpi = acpi(nic.address()); // kept in the XML, though domxml-to-native leaves a NIC's out
        return i;
    }

    private void generic(GenericDevice g, Devices devices) {
        switch (g.kind()) {
            case CONTROLLER -> {
                if (g.driver().equals("usb-ccid")) {
                    Controller ccid = new Controller();
                    ccid.type = "ccid";
                    ccid.index = g.id().matches("ccid\\d+") ? g.id().substring("ccid".length()) : "0";
                    ccid.address = usbAddress(g).orElse(null);
                    devices.controllers.add(ccid);
                    return;
                }
                if (g.driver().startsWith("ich9-usb-uhci")) {
                    // a companion of the EHCI controller whose bus is its masterbus (usbN.0)
                    String master = text(g, "masterbus").orElse("usb.0");
                    String bus = master.substring(0, master.indexOf('.') < 0 ? master.length() : master.indexOf('.'));
                    int index = bus.equals("usb") ? 0 : Integer.parseInt(bus.substring("usb".length()));
                    devices.controllers.add(controller("usb", index, "ich9-" + g.driver().substring("ich9-usb-".length()),
                            g.address().orElseThrow()));
                    return;
                }
                Controller c = controller("virtio-serial", virtioSerialIndex++, null, g.address().orElseThrow());
                Object ports = g.properties().get("max_ports");
                if (ports != null) {
                    c.ports = String.valueOf(ports);
                }
                c.vectors = text(g, "vectors").orElse(null);
                VirtioOptions virtio = VirtioOptions.fromProperties(g.properties());
                if (!virtio.equals(VirtioOptions.NONE)) {
                    c.driver = new ControllerDriver();
                    virtioDriver(c.driver, virtio);
                }
                devices.controllers.add(c);
            }
            case VIDEO -> {
                Video v = new Video();
                v.model = new VideoModel();
                v.model.type = VIDEO_MODELS.getOrDefault(g.driver(), "vga");
                if (g.driver().endsWith("-gl") || g.driver().endsWith("-gl-pci")) {
                    v.model.acceleration = new VideoAcceleration();
                    v.model.acceleration.accel3d = "yes";
                }
                videoSizes(v.model, g.properties());
                g.address().ifPresent(a -> {
                    v.address = pci(a);
                    v.acpi = acpi(a);
                });
                devices.videos.add(v);
            }
            case INPUT -> {
                if (!g.hasDevice()) {
                    devices.inputs.add(evdevInput(g.backends().get(0).properties()));
                    break;
                }
                Input input = new Input();
                input.type = INPUT_TYPES.getOrDefault(g.driver(), "tablet");
                input.bus = g.driver().startsWith("usb-") ? "usb" : "virtio";
                text(g, "evdev").ifPresent(evdev -> {
                    input.source = new Endpoint();
                    input.source.evdev = evdev;
                });
                g.address().ifPresent(a -> {
                    input.address = pci(a);
                    input.acpi = acpi(a);
                });
                if (input.bus.equals("usb")) {
                    input.address = usbAddress(g).orElse(null);
                }
                input.driver = deviceDriver(g);
                devices.inputs.add(input);
            }
            case HUB -> {
                Hub hub = new Hub();
                hub.type = "usb";
                hub.address = usbAddress(g).orElse(null); // devices behind it name it by its port
                devices.hubs.add(hub);
            }
            case FILESYSTEM -> {
                Filesystem fs = filesystem(g);
                VirtioOptions virtio = VirtioOptions.fromProperties(g.properties());
                if (!virtio.equals(VirtioOptions.NONE)) {
                    fs.driver = fs.driver == null ? new FilesystemDriver() : fs.driver;
                    virtioDriver(fs.driver, virtio);
                }
                devices.filesystems.add(fs);
            }
            case PARALLEL -> devices.parallels.add(charDevice(g, null));
            case CHANNEL -> devices.channels.add(g.hasDevice() ? charDevice(g, "virtio") : guestForward(g));
            case CONSOLE -> devices.consoles.add(charDevice(g, "virtio"));
            case SOUND -> {
                if (g.driver().startsWith("hda-")) {
                    Sound card = devices.sounds.get(devices.sounds.size() - 1);
                    ModelType codec = new ModelType();
                    codec.type = g.driver().substring("hda-".length());
                    card.codecs.add(codec);
                    return;
                }
                Sound sound = new Sound();
                sound.model = SOUND_MODELS.get(g.driver());
                g.address().ifPresent(a -> {
                    sound.address = pci(a);
                    sound.acpi = acpi(a);
                });
                devices.sounds.add(sound);
            }
            case WATCHDOG -> {
                Watchdog watchdog = new Watchdog();
                watchdog.model = g.driver();
                watchdog.action = g.followers().stream().filter(f -> f.option().equals("-watchdog-action"))
                        .map(GenericDevice.Backend::value).findFirst().orElse(null);
                g.address().ifPresent(a -> {
                    watchdog.address = pci(a);
                    watchdog.acpi = acpi(a);
                });
                devices.watchdogs.add(watchdog);
            }
            case RNG -> {
                Rng rng = rng(g);
                rng.driver = deviceDriver(g);
                devices.rngs.add(rng);
            }
            case PANIC -> {
                Panic panic = new Panic();
                panic.model = "isa";
                text(g, "ioport").ifPresent(port -> {
                    panic.address = new Address();
                    panic.address.type = "isa";
                    panic.address.iobase = "0x" + Integer.toHexString(Integer.parseInt(port));
                });
                devices.panics.add(panic);
            }
            case HOSTDEV -> hostdev(g).ifPresent(devices.hostdevs::add);
            case SMARTCARD -> devices.smartcards.add(smartcard(g));
            case REDIRDEV -> {
                devices.redirdevs.add(redirdev(g));
                text(g, "filter").ifPresent(filter -> devices.redirfilter = redirFilter(filter));
            }
            case SHMEM -> devices.shmems.add(shmem(g));
            case VSOCK -> {
                Vsock vsock = new Vsock();
                vsock.model = "virtio";
                vsock.cid = new VsockCid();
                String cid = text(g, "guest-cid").orElse("0");
                vsock.cid.auto = cid.equals("0") ? "yes" : "no";
                vsock.cid.address = cid.equals("0") ? null : cid;
                g.address().ifPresent(a -> {
                    vsock.address = pci(a);
                    vsock.acpi = acpi(a);
                });
                vsock.driver = deviceDriver(g);
                devices.vsock = vsock;
            }
            case SERIAL -> devices.serials.add(serial(g));
            case MEMORY -> devices.memories.add(memoryModule(g));
            case IOMMU -> devices.iommu = iommu(g);
        }
    }

    /** A pc-dimm or nvdimm with what its memory backend says: file, sharing, size, alignment, host nodes. */
    private static MemoryDevice memoryModule(GenericDevice g) {
        Map<String, Object> backend = g.backends().stream().filter(GenericDevice.Backend::structured)
                .map(GenericDevice.Backend::properties).findFirst().orElse(Map.of());
        boolean nvdimm = g.driver().equals("nvdimm");
        MemoryDevice module = new MemoryDevice();
        module.model = nvdimm ? "nvdimm" : "dimm";
        Object share = backend.get("share");
        if (share != null) {
            module.access = Boolean.parseBoolean(String.valueOf(share)) ? "shared" : "private";
        }
        if (Boolean.parseBoolean(String.valueOf(backend.get("discard-data")))) {
            module.discard = "yes";
        }
        MemoryDeviceSource source = new MemoryDeviceSource();
        if (nvdimm) {
            source.path = Optional.ofNullable(backend.get("mem-path")).map(String::valueOf).orElse(null);
        }
        Optional.ofNullable(backend.get("align")).ifPresent(bytes -> source.alignsize = kib(bytes));
        if (Boolean.parseBoolean(String.valueOf(backend.get("pmem")))) {
            source.pmem = new Flag();
        }
        if ("bind".equals(backend.get("policy")) && backend.get("host-nodes") instanceof List<?> nodes) {
            source.nodemask = nodes.stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(","));
        }
        if (source.path != null || source.alignsize != null || source.pmem != null || source.nodemask != null) {
            module.source = source;
        }
        module.target = new MemoryDeviceTarget();
        module.target.size = kib(backend.getOrDefault("size", 0));
        text(g, "node").ifPresent(node -> module.target.node = node);
        text(g, "label-size").ifPresent(bytes -> {
            module.target.label = new MemoryDeviceLabel();
            module.target.label.size = kib(bytes);
        });
        if (Boolean.parseBoolean(text(g, "unarmed").orElse("false"))) {
            module.target.readonly = new Flag();
        }
        text(g, "slot").ifPresent(slot -> {
            module.address = new Address();
            module.address.type = "dimm";
            module.address.slot = slot;
            text(g, "addr").ifPresent(base -> module.address.base = "0x" + Long.toHexString(Long.parseLong(base)));
        });
        return module;
    }

    private static Memory kib(Object bytes) {
        Memory size = new Memory();
        size.unit = "KiB";
        size.value = String.valueOf(Long.parseLong(String.valueOf(bytes)) / 1024);
        return size;
    }

    /** intel-iommu with its switches, or virtio-iommu at its PCI address. */
    private Iommu iommu(GenericDevice g) {
        Iommu iommu = new Iommu();
        iommu.model = g.driver().equals("intel-iommu") ? "intel" : "virtio";
        g.address().ifPresent(a -> {
                    iommu.address = pci(a);
                    iommu.acpi = acpi(a);
                });
        IommuDriver driver = new IommuDriver();
        driver.intremap = text(g, "intremap").orElse(null);
        driver.cachingMode = text(g, "caching-mode").map(DomainXmlBuilder::onOff).orElse(null);
        driver.eim = text(g, "eim").orElse(null);
        driver.iotlb = text(g, "device-iotlb").map(DomainXmlBuilder::onOff).orElse(null);
        driver.awBits = text(g, "aw-bits").orElse(null);
        if (driver.intremap != null || driver.cachingMode != null || driver.eim != null || driver.iotlb != null
                || driver.awBits != null) {
            iommu.driver = driver;
        }
        return iommu;
    }

    private static String onOff(String bool) {
        return Boolean.parseBoolean(bool) || bool.equals("on") ? "on" : "off";
    }

    /** A {@code <driver>} with the device's virtio transport options, or none when it has none. */
    private static DeviceDriver deviceDriver(GenericDevice g) {
        VirtioOptions virtio = VirtioOptions.fromProperties(g.properties());
        if (virtio.equals(VirtioOptions.NONE)) {
            return null;
        }
        DeviceDriver driver = new DeviceDriver();
        virtioDriver(driver, virtio);
        return driver;
    }

    private static Optional<String> text(GenericDevice g, String key) {
        return Optional.ofNullable(g.properties().get(key)).map(String::valueOf);
    }

    /** The key=value options of a backend's text ({@code local,security_model=mapped,path=/x,readonly}). */
    private static Map<String, String> options(String text) {
        Map<String, String> options = new LinkedHashMap<>();
        for (String part : text.replace(",,", "\0").split(",")) {
            String[] kv = part.replace("\0", ",").split("=", 2);
            options.put(kv[0], kv.length > 1 ? kv[1] : "");
        }
        return options;
    }

    /** A host input device from its input-linux object. */
    private static Input evdevInput(Map<String, Object> object) {
        Input input = new Input();
        input.type = "evdev";
        input.source = new Endpoint();
        input.source.dev = String.valueOf(object.get("evdev"));
        if (object.get("repeat") instanceof Boolean repeat) {
            input.source.repeat = onOff(repeat);
        }
        if (Boolean.TRUE.equals(object.get("grab_all"))) {
            input.source.grab = "all";
        }
        if (object.get("grab-toggle") instanceof String toggle) {
            input.source.grabToggle = toggle;
        }
        return input;
    }

    private static Filesystem filesystem(GenericDevice g) {
        if (g.driver().equals("vhost-user-fs-pci")) {
            return virtiofs(g);
        }
        Map<String, String> fsdev = options(g.backends().get(0).value());
        Filesystem fs = new Filesystem();
        fs.type = "mount";
        if (fsdev.containsKey("handle")) {
            fs.driver = new FilesystemDriver();
            fs.driver.type = "handle";
        }
        String model = fsdev.getOrDefault("security_model", "passthrough");
        fs.accessmode = model.equals("none") ? "squash" : model.equals("passthrough") ? null : model;
        fs.multidevs = fsdev.get("multidevs");
        fs.fmode = fsdev.get("fmode");
        fs.dmode = fsdev.get("dmode");
        if (fsdev.containsKey("writeout")) {
            fs.driver = fs.driver == null ? new FilesystemDriver() : fs.driver;
            fs.driver.wrpolicy = fsdev.get("writeout");
        }
        fs.source = new Endpoint();
        fs.source.dir = fsdev.get("path");
        fs.target = new Endpoint();
        fs.target.dir = text(g, "mount_tag").orElse(null);
        if (fsdev.containsKey("readonly")) {
            fs.readonly = new Flag();
        }
        return fs;
    }

    /**
     * A virtiofs share from its vhost-user-fs device and socket chardev. The XML names the socket even where
     * libvirt made it (its own virtiofsd's, in the domain directory): the directory behind it is not on the line.
     */
    private static Filesystem virtiofs(GenericDevice g) {
        Filesystem fs = new Filesystem();
        fs.type = "mount";
        fs.driver = new FilesystemDriver();
        fs.driver.type = "virtiofs";
        fs.driver.queue = text(g, "queue-size").orElse(null);
        fs.source = new Endpoint();
        fs.source.socket = options(g.backends().get(0).value()).get("path");
        fs.target = new Endpoint();
        fs.target.dir = text(g, "tag").orElse(null);
        return fs;
    }

    /** A parallel port, channel or console from its -chardev; channels keep their virtio-serial port. */
    /** A serial port: its target (ISA serial port or debug console), port and ISA I/O base and IRQ. */
    private CharDevice serial(GenericDevice g) {
        String target = switch (g.driver()) {
            case "isa-debugcon" -> "isa-debug";
            case "pci-serial" -> "pci-serial";
            default -> null;
        };
        CharDevice serial = charDevice(g, target);
        g.address().ifPresent(a -> {
                    serial.address = pci(a);
                    serial.acpi = acpi(a);
                });
        Optional<String> index = text(g, "index");
        if (index.isPresent()) {
            serial.target = serial.target == null ? new CharTarget() : serial.target;
            serial.target.port = index.get();
        }
        Optional<String> iobase = text(g, "iobase");
        if (iobase.isPresent()) {
            serial.address = new Address();
            serial.address.type = "isa";
            serial.address.iobase = "0x" + Long.toHexString(Long.parseLong(iobase.get()));
            serial.address.irq = text(g, "irq").map(irq -> "0x" + Long.toHexString(Long.parseLong(irq))).orElse(null);
        }
        return serial;
    }

    /** A guestfwd channel from its chardev and the guestfwd rule (tcp:ADDRESS:PORT-chardev:ID) of its user netdev. */
    private CharDevice guestForward(GenericDevice g) {
        CharDevice channel = charDevice(g, null);
        channel.target = new CharTarget();
        channel.target.type = "guestfwd";
        Object rules = g.backends().stream().filter(b -> b.option().equals("-netdev")).map(b -> b.properties().get("guestfwd"))
                .findFirst().orElse(List.of());
        String rule = rules instanceof List<?> list && !list.isEmpty() && list.get(0) instanceof Map<?, ?> first
                ? String.valueOf(first.get("str")) : "";
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("tcp:([^:]*):(\\d+)-chardev:.*").matcher(rule);
        if (m.matches()) {
            channel.target.address = m.group(1);
            channel.target.port = m.group(2);
        }
        return channel;
    }

    private CharDevice charDevice(GenericDevice g, String targetType) {
        CharDevice device = new CharDevice();
        String chardev = g.backends().stream().filter(b -> b.option().equals("-chardev")).map(GenericDevice.Backend::value)
                .findFirst().orElse("pty");
        Map<String, String> options = options(chardev);
        String backend = options.keySet().iterator().next();
        Endpoint source = new Endpoint();
        switch (backend) {
            case "socket" -> {
                if (options.containsKey("path")) {
                    device.type = "unix";
                    source.path = options.get("path");
                } else {
                    device.type = "tcp";
                    source.host = options.get("host");
                    source.service = options.get("port");
                    device.protocol = new ModelType();
                    device.protocol.type = "on".equals(options.get("telnet")) ? "telnet" : "raw";
                    source.tls = options.containsKey("tls-creds") ? "yes" : null;
                }
                source.mode = "on".equals(options.get("server")) ? "bind" : "connect";
                Optional.ofNullable(options.get("reconnect")).ifPresent(seconds -> {
                    source.reconnect = new Endpoint.Reconnect();
                    source.reconnect.enabled = seconds.equals("0") ? "no" : "yes";
                    source.reconnect.timeout = seconds.equals("0") ? null : seconds;
                });
                device.source(source);
            }
            case "udp" -> {
                device.type = "udp";
                Endpoint bind = new Endpoint();
                bind.mode = "bind";
                bind.host = Optional.ofNullable(options.get("localaddr")).filter(h -> !h.isEmpty()).orElse(null);
                bind.service = Optional.ofNullable(options.get("localport")).filter(p -> !p.equals("0")).orElse(null);
                source.mode = "connect";
                source.host = Optional.ofNullable(options.get("host")).filter(h -> !h.isEmpty()).orElse(null);
                source.service = options.get("port");
                device.sources = new ArrayList<>(bind.host == null && bind.service == null
                        ? List.of(source) : List.of(bind, source));
            }
            case "qemu-vdagent" -> {
                device.type = "qemu-vdagent";
                if (options.containsKey("clipboard") || options.containsKey("mouse")) {
                    source.clipboard = Optional.ofNullable(options.get("clipboard")).map(on -> {
                        Endpoint.Clipboard clipboard = new Endpoint.Clipboard();
                        clipboard.copypaste = on.equals("on") ? "yes" : "no";
                        return clipboard;
                    }).orElse(null);
                    source.mouse = Optional.ofNullable(options.get("mouse")).map(on -> {
                        Endpoint.Mouse mouse = new Endpoint.Mouse();
                        mouse.mode = on.equals("on") ? "client" : "server";
                        return mouse;
                    }).orElse(null);
                    device.source(source);
                }
            }
            case "pty", "null", "spicevmc", "stdio", "vc" -> device.type = backend;
            case "dbus" -> {
                device.type = backend;
                source.channel = options.get("name");
                device.source(source);
            }
            case "file", "pipe", "serial", "parallel" -> {
                device.type = backend.equals("serial") || backend.equals("parallel") ? "dev" : backend;
                source.path = options.get("path");
                source.append = options.get("append");
                device.source(source);
            }
            default -> {
                warn(g.id(), g.id() + " uses a -chardev " + backend + ": the XML gives it a pty");
                device.type = "pty";
            }
        }
        if (options.containsKey("logfile")) {
            device.log = new CharDevice.Log();
            device.log.file = options.get("logfile");
            device.log.append = options.get("logappend");
        }
        if (targetType != null) {
            device.target = new CharTarget();
            device.target.type = targetType;
            device.target.name = text(g, "name").orElse(null);
        }
        Optional<String> bus = text(g, "bus");
        if (bus.isPresent() && bus.get().matches("virtio-serial\\d+\\.0")) {
            device.address = new Address();
            device.address.type = "virtio-serial";
            device.address.controller = bus.get().substring("virtio-serial".length(), bus.get().indexOf('.'));
            device.address.bus = "0";
            device.address.port = text(g, "nr").orElse(null);
        }
        return device;
    }

    private Rng rng(GenericDevice g) {
        Rng rng = new Rng();
        rng.model = "virtio";
        Map<String, Object> object = g.backends().stream().filter(GenericDevice.Backend::structured)
                .map(GenericDevice.Backend::properties).filter(p -> String.valueOf(p.get("qom-type")).startsWith("rng-"))
                .findFirst().orElse(Map.of());
        rng.backend = new RngBackend();
        switch (String.valueOf(object.get("qom-type"))) {
            case "rng-builtin" -> rng.backend.model = "builtin";
            case "rng-egd" -> {
                // its chardev, read as a serial port's would be, in the backend's own elements
                CharDevice chardev = charDevice(g, null);
                rng.backend.model = "egd";
                rng.backend.type = chardev.type;
                chardev.sources.forEach(source -> rng.backend.content.add(sourceElement(source)));
                if (chardev.protocol != null) {
                    Element protocol = newElement("protocol");
                    protocol.setAttribute("type", chardev.protocol.type);
                    rng.backend.content.add(protocol);
                }
            }
            default -> {
                rng.backend.model = "random";
                rng.backend.content.add(String.valueOf(object.getOrDefault("filename", "/dev/random")));
            }
        }
        text(g, "max-bytes").ifPresent(bytes -> {
            rng.rate = new RngRate();
            rng.rate.bytes = bytes;
            rng.rate.period = text(g, "period").orElse(null);
        });
        g.address().ifPresent(a -> rng.acpi = acpi(a));
        return rng;
    }

    /** A child element for mixed content that the binding keeps as DOM (an egd rng's {@code <source>}). */
    /** A chardev's {@code <source>} as a DOM element, for the mixed content of an rng backend. */
    private static Element sourceElement(Endpoint source) {
        Element element = newElement("source");
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("mode", source.mode);
        attributes.put("host", source.host);
        attributes.put("service", source.service);
        attributes.put("path", source.path);
        attributes.put("append", source.append);
        attributes.put("tls", source.tls);
        attributes.forEach((name, value) -> {
            if (value != null) {
                element.setAttribute(name, value);
            }
        });
        if (source.reconnect != null) {
            Element reconnect = element.getOwnerDocument().createElement("reconnect");
            reconnect.setAttribute("enabled", source.reconnect.enabled);
            if (source.reconnect.timeout != null) {
                reconnect.setAttribute("timeout", source.reconnect.timeout);
            }
            element.appendChild(reconnect);
        }
        return element;
    }

    /** An element of no document yet, for the parts of the XML the binding leaves untyped. */
    static Element newElement(String name) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            return factory.newDocumentBuilder().newDocument().createElementNS(null, name);
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK's DOM builder is unavailable", e);
        }
    }

    /** A smartcard from its ccid-card device: emulated (host or certificates) or passed through a chardev. */
    private Smartcard smartcard(GenericDevice g) {
        Smartcard card = new Smartcard();
        if (g.driver().equals("ccid-card-passthru")) {
            CharDevice backend = charDevice(g, null);
            card.mode = "passthrough";
            card.type = backend.type;
            card.sources = backend.sources;
            card.protocol = backend.protocol;
        } else if (text(g, "backend").filter("certificates"::equals).isPresent()) {
            card.mode = "host-certificates";
            for (String key : List.of("cert1", "cert2", "cert3")) {
                card.certificates.add(text(g, key).orElse(""));
            }
            card.database = text(g, "db").filter(db -> !db.equals(DEFAULT_NSS_DATABASE)).orElse(null);
        } else {
            card.mode = "host";
        }
        return card;
    }

    /** A redirected USB device from usb-redir and its chardev; the filter is the domain's <redirfilter>. */
    private Redirdev redirdev(GenericDevice g) {
        CharDevice backend = charDevice(g, null);
        Redirdev redirdev = new Redirdev();
        redirdev.bus = "usb";
        redirdev.type = backend.type;
        redirdev.sources = backend.sources;
        redirdev.protocol = backend.protocol;
        text(g, "bootindex").ifPresent(b -> {
            redirdev.boot = new BootOrder();
            redirdev.boot.order = b;
        });
        redirdev.address = usbAddress(g).orElse(null);
        return redirdev;
    }

    /** libvirt's NSS database for certificate smartcards, which the XML leaves out. */
    private static final String DEFAULT_NSS_DATABASE = "/etc/pki/nssdb";

    /** usb-redir's filter ({@code class:vendor:product:version:allow|...}, -1 for any) as {@code <redirfilter>}. */
    private static RedirFilter redirFilter(String filter) {
        RedirFilter out = new RedirFilter();
        for (String rule : filter.split("\\|")) {
            String[] f = rule.split(":");
            if (f.length != 5) {
                continue;
            }
            RedirFilter.UsbDevRule usbdev = new RedirFilter.UsbDevRule();
            usbdev.usbClass = f[0].equals("-1") ? null : f[0];
            usbdev.vendor = f[1].equals("-1") ? null : f[1];
            usbdev.product = f[2].equals("-1") ? null : f[2];
            if (!f[3].equals("-1")) {
                int bcd = Integer.decode(f[3]);
                usbdev.version = Integer.toHexString(bcd >> 8) + "." + String.format("%02x", bcd & 0xff);
            }
            usbdev.allow = f[4].equals("1") ? "yes" : "no";
            out.usbdevs.add(usbdev);
        }
        return out;
    }

    /** A host device back from its QEMU properties; one named by a file descriptor has no XML form. */
    /** scsi-generic on an iscsi -blockdev: the LUN as {@code <source protocol='iscsi' name='IQN/LUN'>}. */
    private Optional<Hostdev> scsiHostdev(GenericDevice g, Hostdev hostdev) {
        Map<String, Object> node = g.backends().stream().filter(b -> b.option().equals("-blockdev"))
                .map(GenericDevice.Backend::properties).findFirst().orElse(Map.of());
        Optional<String> portal = Optional.ofNullable(node.get("portal")).map(String::valueOf);
        Optional<String> target = Optional.ofNullable(node.get("target")).map(String::valueOf);
        if (!"iscsi".equals(node.get("driver")) || portal.isEmpty() || target.isEmpty()) {
            // a host_device's /dev/sgN says nothing of the adapter and address the XML names it by
            warn(g.id(), "-device scsi-generic " + g.id() + ": only an iscsi -blockdev backend can be written as"
                    + " domain XML (a host adapter's device is named by its SCSI address, not its /dev/sgN): left out");
            return Optional.empty();
        }
        hostdev.type = "scsi";
        hostdev.source.address = null;
        hostdev.source.protocol = "iscsi";
        hostdev.source.name = target.get() + "/" + Optional.ofNullable(node.get("lun")).map(String::valueOf).orElse("0");
        DiskHost host = new DiskHost();
        int colon = portal.get().lastIndexOf(':');
        host.name = colon < 0 ? portal.get() : portal.get().substring(0, colon);
        String port = colon < 0 ? "0" : portal.get().substring(colon + 1);
        host.port = port.equals("0") ? null : port; // libvirt writes port 0 for none
        hostdev.source.hosts.add(host);
        if (Boolean.TRUE.equals(node.get("read-only"))) {
            hostdev.readonly = new Flag();
        }
        text(g, "bootindex").ifPresent(b -> {
            hostdev.boot = new BootOrder();
            hostdev.boot.order = b;
        });
        Optional<String> bus = text(g, "bus");
        Optional<String> scsiId = text(g, "scsi-id");
        if (bus.isPresent() && scsiId.isPresent()) {
            java.util.function.Function<String, OptionalInt> number = key -> text(g, key)
                    .map(v -> OptionalInt.of(Integer.parseInt(v))).orElse(OptionalInt.empty());
            DriveAddress a = numbering.driveAddress(new ScsiAddress(bus.get(), number.apply("channel"),
                    Integer.parseInt(scsiId.get()), number.apply("lun")));
            hostdev.address = driveAddress(a);
        }
        return Optional.of(hostdev);
    }

    private Optional<Hostdev> hostdev(GenericDevice g) {
        Hostdev hostdev = new Hostdev();
        hostdev.mode = "subsystem";
        hostdev.source = new HostdevSource();
        hostdev.source.address = new Address();
        Optional<String> host = text(g, "host");
        Optional<String> sysfsdev = text(g, "sysfsdev");
        Optional<String> hostdevice = text(g, "hostdevice");
        if (g.driver().equals("scsi-generic")) {
            return scsiHostdev(g, hostdev);
        }
        if (g.driver().equals("usb-host") && hostdevice.filter(p -> p.matches("/dev/bus/usb/\\d+/\\d+")).isPresent()) {
            hostdev.type = "usb";
            String[] parts = hostdevice.get().split("/");
            hostdev.source.address.bus = String.valueOf(Integer.parseInt(parts[4]));
            hostdev.source.address.device = String.valueOf(Integer.parseInt(parts[5]));
            Optional<Boolean> reset = text(g, "guest-reset").map(Boolean::parseBoolean);
            Optional<Boolean> resetsAll = text(g, "guest-resets-all").map(Boolean::parseBoolean);
            reset.ifPresent(on -> hostdev.source.guestReset = !on ? "off" : resetsAll.orElse(true) ? "on" : "uninitialized");
        } else if (sysfsdev.filter(p -> p.startsWith("/sys/bus/mdev/devices/")).isPresent()) {
            hostdev.type = "mdev";
            hostdev.model = "vfio-pci";
            hostdev.source.address.uuid = sysfsdev.get().substring("/sys/bus/mdev/devices/".length());
            hostdev.display = text(g, "display").orElse(null);
            hostdev.ramfb = text(g, "ramfb").map(on -> onOff(Boolean.parseBoolean(on))).orElse(null);
        } else if (host.filter(h -> h.matches("\\p{XDigit}{4}:\\p{XDigit}{2}:\\p{XDigit}{2}\\.\\p{XDigit}")).isPresent()) {
            hostdev.type = "pci";
            hostdev.managed = "yes";
            hostdev.driver = new Hostdev.Driver();
            hostdev.driver.name = "vfio";
            String[] parts = host.get().split("[:.]");
            hostdev.source.address.domain = "0x" + parts[0];
            hostdev.source.address.bus = "0x" + parts[1];
            hostdev.source.address.slot = "0x" + parts[2];
            hostdev.source.address.function = "0x" + parts[3];
        } else {
            warn(g.id(), "-device " + g.driver() + " " + g.id() + " names no host device domain XML can"
                    + " (host=DDDD:BB:SS.F, sysfsdev=/sys/bus/mdev/devices/UUID, hostdevice=/dev/bus/usb/BUS/DEV): left out");
            return Optional.empty();
        }
        text(g, "bootindex").ifPresent(b -> {
            hostdev.boot = new BootOrder();
            hostdev.boot.order = b;
        });
        Optional<String> romfile = text(g, "romfile");
        Optional<String> rombar = text(g, "rombar");
        if (romfile.isPresent() || rombar.isPresent()) {
            hostdev.rom = new Hostdev.Rom();
            if (romfile.filter(String::isEmpty).isPresent()) {
                hostdev.rom.enabled = "no";
            } else {
                hostdev.rom.file = romfile.orElse(null);
                hostdev.rom.bar = rombar.map(bar -> bar.equals("0") ? "off" : "on").orElse(null);
            }
        }
        g.address().ifPresent(a -> {
                    hostdev.address = pci(a);
                    hostdev.acpi = acpi(a);
                });
        if (hostdev.type.equals("usb")) {
            usbAddress(g).ifPresent(a -> hostdev.address = a);
        }
        return Optional.of(hostdev);
    }

    /**
     * Where a USB device sits: the controller's index from libvirt's alias of its bus (usb.0, usb1.0, ...) and
     * the port, which names the hubs on the way (1.2).
     */
    private static Optional<Address> usbAddress(GenericDevice g) {
        Optional<String> bus = text(g, "bus").filter(b -> b.matches("usb\\d*\\.0"));
        Optional<String> port = text(g, "port");
        if (bus.isEmpty() || port.isEmpty()) {
            return Optional.empty();
        }
        String controller = bus.get().substring("usb".length(), bus.get().length() - ".0".length());
        Address address = new Address();
        address.type = "usb";
        address.bus = controller.isEmpty() ? "0" : controller;
        address.port = port.get();
        return Optional.of(address);
    }

    private Shmem shmem(GenericDevice g) {
        Shmem shmem = new Shmem();
        shmem.model = new ModelType();
        shmem.model.type = g.driver();
        g.address().ifPresent(a -> {
                    shmem.address = pci(a);
                    shmem.acpi = acpi(a);
                });
        shmem.role = text(g, "master").map(on -> on.equals("on") ? "master" : "peer").orElse(null);
        if (g.driver().equals("ivshmem-plain")) {
            Map<String, Object> memory = g.backends().get(0).properties();
            String path = String.valueOf(memory.getOrDefault("mem-path", ""));
            shmem.name = path.startsWith("/dev/shm/") ? path.substring("/dev/shm/".length()) : path;
            shmem.size = new Memory();
            shmem.size.unit = "b";
            shmem.size.value = String.valueOf(memory.getOrDefault("size", 4194304));
        } else {
            shmem.name = g.id();
            shmem.server = new Endpoint();
            shmem.server.path = g.followers().isEmpty() ? null : options(g.followers().get(0).value()).get("path");
            if (g.properties().containsKey("vectors") || g.properties().containsKey("ioeventfd")) {
                shmem.msi = new ShmemMsi();
                shmem.msi.vectors = text(g, "vectors").orElse(null);
                shmem.msi.ioeventfd = text(g, "ioeventfd").map(on -> onOff(on.equals("true"))).orElse(null);
            }
        }
        return shmem;
    }

    /** {@code <address type='drive'>} of a disk or SCSI host device. */
    private static Address driveAddress(DriveAddress written) {
        Address address = new Address();
        address.type = "drive";
        address.controller = String.valueOf(written.controller());
        address.bus = String.valueOf(written.bus());
        address.target = String.valueOf(written.target());
        address.unit = String.valueOf(written.unit());
        return address;
    }

    private Address pci(PciAddress a) {
        Address address = new Address();
        address.type = "pci";
        address.domain = "0x0000";
        address.bus = String.format("0x%02x", numbering.pciBusIndex(a.bus()));
        address.slot = String.format("0x%02x", a.slot());
        address.function = "0x" + Integer.toHexString(a.function());
        if (a.multifunction().isPresent()) {
            address.multifunction = onOff(a.multifunction().get());
        }
        return address;
    }

    /** A device's {@code <acpi index>}, written on the line with its PCI address. */
    private static DeviceAcpi acpi(PciAddress a) {
        if (a.acpiIndex().isEmpty()) {
            return null;
        }
        DeviceAcpi acpi = new DeviceAcpi();
        acpi.index = String.valueOf(a.acpiIndex().getAsInt());
        return acpi;
    }

    /** Command lines escape the spaces of a serial ({@code a\\ b}); domain XML does not. */
    private static String unescape(String serial) {
        return serial.replace("\\ ", " ");
    }

    /** The video sizes libvirt turns into these properties, back as the XML attributes (KiB) they came from. */
    private static void videoSizes(VideoModel model, Map<String, Object> properties) {
        java.util.function.Function<String, Optional<Long>> number = key -> Optional.ofNullable(properties.get(key))
                .map(String::valueOf).filter(v -> v.matches("\\d{1,18}")).map(Long::valueOf);
        number.apply("max_outputs").ifPresent(heads -> model.heads = String.valueOf(heads));
        switch (model.type) {
            case "qxl" -> {
                number.apply("ram_size").ifPresent(bytes -> model.ram = String.valueOf(bytes / 1024));
                number.apply("vram_size").ifPresent(bytes -> model.vram = String.valueOf(bytes / 1024));
                number.apply("vram64_size_mb").filter(mb -> mb > 0).ifPresent(mb -> model.vram64 = String.valueOf(mb * 1024));
                number.apply("vgamem_mb").ifPresent(mb -> model.vgamem = String.valueOf(mb * 1024));
            }
            case "vga" -> number.apply("vgamem_mb").ifPresent(mb -> model.vram = String.valueOf(mb * 1024));
            case "bochs" -> number.apply("vgamem").ifPresent(bytes -> model.vram = String.valueOf(bytes / 1024));
            default -> { }
        }
        Optional<Long> x = number.apply("xres");
        Optional<Long> y = number.apply("yres");
        if (x.isPresent() && y.isPresent()) {
            model.resolution = new VideoResolution();
            model.resolution.x = String.valueOf(x.get());
            model.resolution.y = String.valueOf(y.get());
        }
    }
}
