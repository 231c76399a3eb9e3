package dev.domxml.rules;

import dev.domxml.model.BackingLink;
import dev.domxml.model.BalloonDevice;
import dev.domxml.model.BlockNode;
import dev.domxml.model.BootOptions;
import dev.domxml.model.CacheFlags;
import dev.domxml.model.Device;
import dev.domxml.model.DeviceAddress;
import dev.domxml.model.DiskDevice;
import dev.domxml.model.DiskFrontend;
import dev.domxml.model.FloppyAddress;
import dev.domxml.model.FilterNode;
import dev.domxml.model.FloppyController;
import dev.domxml.model.FormatNode;
import dev.domxml.model.GenericDevice;
import dev.domxml.model.IdeAddress;
import dev.domxml.model.HostMemoryPolicy;
import dev.domxml.model.IoThread;
import dev.domxml.model.Machine;
import dev.domxml.model.NumaNode;
import dev.domxml.model.RamBacking;
import dev.domxml.model.MachineFamily;
import dev.domxml.model.NetworkNode;
import dev.domxml.model.NetworkDevice;
import dev.domxml.model.PciAddress;
import dev.domxml.model.SpaprVioAddress;
import dev.domxml.model.ProtocolNode;
import dev.domxml.model.ScsiAddress;
import dev.domxml.model.Smp;
import dev.domxml.model.StorageController;
import dev.domxml.model.StorageControllerKind;
import dev.domxml.model.UsbAddress;
import dev.domxml.model.UsbController;
import dev.domxml.model.VirtioOptions;
import dev.domxml.model.VirtualMachine;
import dev.domxml.rules.PciPlanner.Connect;
import dev.domxml.rules.PciPlanner.Request;
import dev.domxml.report.SourceMap;
import dev.domxml.report.SourcePosition;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Turns a resolved (and accepted) domain into the QEMU-level model: PCI placement, device aliases,
 * block node names, cache flags and boot indexes, as libvirt 9.0 does for QEMU 7.2.
 */
final class ModelBuilder {
    private static final Map<String, StorageControllerKind> SCSI_MODELS = Map.of(
            "virtio-scsi", StorageControllerKind.VIRTIO_SCSI,
            "lsilogic", StorageControllerKind.LSI,
            "lsisas1078", StorageControllerKind.MEGASAS,
            "lsisas1068", StorageControllerKind.MPTSAS1068,
            "vmpvscsi", StorageControllerKind.PVSCSI, "ibmvscsi", StorageControllerKind.IBMVSCSI);
    private static final Map<String, String> USB_DRIVERS = Map.ofEntries(
            Map.entry("piix3-uhci", "piix3-usb-uhci"), Map.entry("piix4-uhci", "piix4-usb-uhci"),
            Map.entry("ehci", "usb-ehci"), Map.entry("ich9-ehci1", "ich9-usb-ehci1"),
            Map.entry("vt82c686b-uhci", "vt82c686b-usb-uhci"), Map.entry("pci-ohci", "pci-ohci"),
            Map.entry("nec-xhci", "nec-usb-xhci"), Map.entry("qemu-xhci", "qemu-xhci"));
    private static final Map<String, String> VIDEO_DRIVERS = Map.of(
            "vga", "VGA", "cirrus", "cirrus-vga", "virtio", "virtio-vga", "qxl", "qxl-vga", "bochs", "bochs-display",
            "ramfb", "ramfb");
    private static final Map<String, String> SECONDARY_VIDEO_DRIVERS = Map.of("qxl", "qxl", "virtio", "virtio-gpu-pci");

    private final ResolvedDomain domain;
    private final Findings findings;
    /** The SCSI controllers on the sPAPR VIO bus rather than on PCI. */
    private final Map<ResolvedController, SpaprVioAddress> spaprVio = new java.util.IdentityHashMap<>();
    private final Map<String, SourcePosition> origins = new java.util.HashMap<>();
    private Peripherals peripherals;

    private ModelBuilder(ResolvedDomain domain, Findings findings) {
        this.domain = domain;
        this.findings = findings;
    }

    /** The model and where each of its devices was written. */
    record Built(VirtualMachine model, SourceMap sources) {}

    /** The model, or empty when PCI placement failed (the reason is in findings). */
    static Optional<Built> build(ResolvedDomain domain, Findings findings) {
        ModelBuilder builder = new ModelBuilder(domain, findings);
        builder.spaprVio.putAll(SpaprVioAddresses.assign(domain.controllers(), findings));
        PciPlanner.Plan plan = builder.planPci();
        if (findings.hasErrors()) {
            return Optional.empty();
        }
        VirtualMachine model = builder.build(plan);
        return Optional.of(new Built(model, new SourceMap(domain.fileName(), builder.origins)));
    }

    private void origin(String id, Optional<SourcePosition> position) {
        position.ifPresent(p -> origins.put(id, p));
    }

    static Optional<StorageControllerKind> scsiKind(String model) {
        return Optional.ofNullable(SCSI_MODELS.get(model));
    }

    private VirtualMachine build(PciPlanner.Plan plan) {
        // libvirt writes the IOMMU before the PCI controllers, though it gives a virtio-iommu its slot after them
        List<Device> devices = new ArrayList<>(iommus(plan));
        devices.addAll(plan.buses());

        // in libvirt's order of controllers (see ControllerIndexes): an EHCI master before the companions
        // written with its index, after those that joined its group without one
        for (ResolvedController c : domain.controllers()) {
            if (c.isUsbCompanion()) {
                // a UHCI companion of the EHCI controller with the same index: no bus of its own
                Map<String, Object> props = new LinkedHashMap<>();
                props.put("masterbus", (c.index() == 0 ? "usb" : "usb" + c.index()) + ".0");
                props.put("firstport", 2 * ResolvedController.USB2_FUNCTIONS.get(c.model()));
                devices.add(new GenericDevice(GenericDevice.Kind.CONTROLLER, c.model() + "-" + c.index(),
                        "ich9-usb-" + c.model().substring("ich9-".length()), props, Optional.of(plan.of(c)), List.of()));
            } else if (c.is("usb") && !c.model().equals("none")) {
                devices.add(new UsbController(c.index() == 0 ? "usb" : "usb" + c.index(),
                        USB_DRIVERS.getOrDefault(c.model(), c.model()),
                        c.model().endsWith("xhci") ? c.ports() : OptionalInt.empty(), plan.of(c)));
            }
        }
        for (ResolvedController c : domain.controllers()) {
            if (c.is("scsi")) {
                origin("scsi" + c.index(), c.position());
                StorageControllerKind kind = SCSI_MODELS.get(c.model());
                devices.add(new StorageController("scsi" + c.index(), kind,
                        kind == StorageControllerKind.VIRTIO_SCSI ? c.virtio() : VirtioOptions.NONE,
                        c.iothread().isPresent() ? Optional.of("iothread" + c.iothread().getAsInt()) : Optional.empty(),
                        c.queues().isPresent() && c.queues().getAsInt() > 0 ? c.queues() : OptionalInt.empty(),
                        c.cmdPerLun(), c.maxSectors(), c.ioeventfd(),
                        spaprVio.containsKey(c) ? spaprVio.get(c) : plan.of(c)));
            }
        }
        for (ResolvedController c : domain.controllers()) {
            if (c.is("sata") && !isBuiltinSata(c)) {
                devices.add(new StorageController("sata" + c.index(), StorageControllerKind.AHCI, VirtioOptions.NONE,
                        Optional.empty(),
                        OptionalInt.empty(), OptionalInt.empty(), OptionalInt.empty(), Optional.empty(), plan.of(c)));
            }
        }
        for (ResolvedController c : domain.controllers()) {
            if (c.is("virtio-serial")) {
                Map<String, Object> props = new LinkedHashMap<>();
                props.putAll(c.virtio().properties());
                props.put("id", "virtio-serial" + c.index());
                c.ports().ifPresent(ports -> props.put("max_ports", ports));
                c.vectors().ifPresent(vectors -> props.put("vectors", vectors));
                devices.add(new GenericDevice(GenericDevice.Kind.CONTROLLER, "virtio-serial" + c.index(),
                        "virtio-serial-pci", props, Optional.of(plan.of(c)), List.of()));
            }
        }
        devices.addAll(memoryModules());
        peripherals = new Peripherals(domain, plan, findings);
        devices.addAll(peripherals.hubs());
        devices.addAll(peripherals.ccidControllers());
        BootIndexes boot = BootIndexes.of(domain);
        floppyController(boot).ifPresent(devices::add);
        int diskCount = domain.disks().size();
        // libvirt numbers the images from the last disk's: each disk's own image, then its backing chain
        int nodeIndex = domain.disks().stream().mapToInt(ResolvedDisk::nodeNumbers).sum() + 1;
        for (int i = 0; i < diskCount; i++) {
            ResolvedDisk disk = domain.disks().get(i);
            nodeIndex -= disk.nodeNumbers();
            DiskDevice device = disk(disk, nodeIndex, boot.forDisk(i), plan);
            if (!disk.attachedAfterStart()) {
                origin(device.id(), disk.position());
                devices.add(device);
            }
        }
        devices.addAll(peripherals.filesystems());
        for (int i = 0; i < domain.interfaces().size(); i++) {
            ResolvedInterface nic = domain.interfaces().get(i);
            origin("net" + i, nic.position());
            // libvirt hands QEMU a tap it opened itself whatever the type; a line of one's own gets user networking
            devices.add(new NetworkDevice("net" + i, "user", "hostnet" + i, nicDriver(nic.model()),
                    nic.mac().orElse(generatedMac(i)), plan.of(nic), boot.forInterface(i)));
        }
        devices.addAll(peripherals.smartcards());
        List<Integer> serialPorts = serialPorts();
        for (int i = 0; i < domain.serials().size(); i++) {
            ResolvedDevice serial = domain.serials().get(i);
            String target = serial.value("target").orElse("isa-serial");
            Map<String, Object> props = new LinkedHashMap<>();
            props.put("chardev", "charserial" + i);
            props.put("id", "serial" + i);
            if (target.equals("isa-serial")) {
                props.put("index", serialPorts.get(i));
            }
            serial.value("iobase").ifPresent(v -> props.put("iobase", GenericDevice.number(Long.parseLong(v))));
            serial.value("irq").ifPresent(v -> props.put("irq", GenericDevice.number(Long.parseLong(v))));
            boolean pci = target.equals("pci-serial");
            devices.add(new GenericDevice(GenericDevice.Kind.SERIAL, "serial" + i,
                    pci ? "pci-serial" : target.equals("isa-debug") ? "isa-debugcon" : "isa-serial",
                    props, pci ? Optional.of(plan.of(serial)) : Optional.empty(),
                    peripherals.chardevBackends(domain.serials().get(i), "charserial" + i, "vdagent")));
        }
        devices.addAll(peripherals.parallels());
        devices.addAll(peripherals.channels());
        devices.addAll(peripherals.consoles());
        devices.addAll(peripherals.inputs());
        for (int i = 0; i < domain.videos().size(); i++) {
            ResolvedDevice video = domain.videos().get(i);
            Map<String, Object> props = new LinkedHashMap<>();
            props.put("id", "video" + i);
            // libvirt 9.0's qemuBuildDeviceVideoCmd: these properties, in this order.
            switch (video.model()) {
                case "virtio" -> props.put("max_outputs", GenericDevice.number(video.setting("heads")));
                case "qxl" -> {
                    props.put("max_outputs", GenericDevice.number(video.setting("heads")));
                    props.put("ram_size", GenericDevice.number(video.setting("ram") * 1024));
                    props.put("vram_size", GenericDevice.number(video.setting("vram") * 1024));
                    props.put("vram64_size_mb", GenericDevice.number(video.setting("vram64") / 1024));
                    props.put("vgamem_mb", GenericDevice.number(video.setting("vgamem") / 1024));
                }
                case "vga" -> props.put("vgamem_mb", GenericDevice.number(video.setting("vram") / 1024));
                case "bochs" -> props.put("vgamem", GenericDevice.number(video.setting("vram") * 1024));
                default -> { }
            }
            if (video.settings().containsKey("xres")) {
                props.put("xres", GenericDevice.number(video.setting("xres")));
                props.put("yres", GenericDevice.number(video.setting("yres")));
            }
            // A secondary display is the plain PCI device: no VGA compatibility (libvirt refuses other types there).
            String driver = i == 0 ? VIDEO_DRIVERS.getOrDefault(video.model(), video.model())
                    : SECONDARY_VIDEO_DRIVERS.getOrDefault(video.model(), video.model());
            if (video.setting("accel3d") == 1) {
                driver = i == 0 ? "virtio-vga-gl" : "virtio-gpu-gl-pci";
            }
            // ramfb is a platform device: no PCI address
            devices.add(new GenericDevice(GenericDevice.Kind.VIDEO, "video" + i, driver, props,
                    isRamfb(video) ? Optional.empty() : Optional.of(plan.of(video)), List.of()));
        }
        devices.addAll(peripherals.sounds());
        devices.addAll(peripherals.watchdogs());
        devices.addAll(peripherals.redirdevs());
        devices.addAll(peripherals.hostdevs());
        domain.balloon().ifPresent(b -> devices.add(new BalloonDevice("balloon0", plan.of(b), b.virtio(),
                b.value("deflate-on-oom").map(Boolean::parseBoolean), b.value("free-page-reporting").map(Boolean::parseBoolean))));
        devices.addAll(peripherals.rngs());
        devices.addAll(peripherals.vmcoreinfo());
        devices.addAll(peripherals.panics());
        devices.addAll(peripherals.shmems());
        devices.addAll(peripherals.vsocks());

        domain.iothreads().forEach(t -> origin("iothread" + t.id(), t.position()));
        List<IoThread> iothreads = domain.iothreads().stream()
                .map(t -> new IoThread("iothread" + t.id(), t.threadPoolMin(), t.threadPoolMax())).toList();
        return new VirtualMachine(domain.name(), domain.uuid(), domain.generationId(), domain.systemInfo(), domain.emulator(),
                new Machine(domain.machineType(), domain.family(), domain.domainType().equals("kvm") ? "kvm" : "tcg",
                        domain.cpuModel(), domain.acpi(), domain.smm(), domain.tsegMiB(), domain.vmport(),
                        domain.suspendToMem(), domain.suspendToDisk(), memoryOptions(), domain.platform().pciRoot(),
                        domain.platform().tbSizeMiB(), domain.hmat(), domain.platform().kernelIrqchip(),
                        domain.platform().dirtyRingEntries()),
                domain.firmware(),
                alignedMemoryBytes(), domain.numaCells().isEmpty() ? hostPolicy(-1) : Optional.empty(),
                domain.memoryHotplug(), smp(), numaNodes(),
                iothreads, domain.platform().mainLoop(),
                new BootOptions(domain.bootMenu(), domain.bootMenuTimeout(), domain.bootMenuOff(),
                        domain.platform().rebootTimeoutMs()), devices, domain.display(), domain.clock(),
                domain.passthrough());
    }

    /** intel-iommu with its switches, or virtio-iommu on the root bus. */
    private List<GenericDevice> iommus(PciPlanner.Plan plan) {
        return domain.peripherals("iommu").stream().map(iommu -> {
            Map<String, Object> props = new LinkedHashMap<>();
            props.put("id", "iommu0");
            if (iommu.model().equals("virtio")) {
                return new GenericDevice(GenericDevice.Kind.IOMMU, "iommu0", "virtio-iommu", props,
                        Optional.of(plan.of(iommu)), List.of());
            }
            iommu.value("intremap").ifPresent(v -> props.put("intremap", v));
            iommu.value("caching_mode").ifPresent(v -> props.put("caching-mode", v.equals("on")));
            iommu.value("eim").ifPresent(v -> props.put("eim", v));
            iommu.value("iotlb").ifPresent(v -> props.put("device-iotlb", v.equals("on")));
            if (iommu.settings().containsKey("aw_bits")) {
                props.put("aw-bits", GenericDevice.number(iommu.setting("aw_bits")));
            }
            return new GenericDevice(GenericDevice.Kind.IOMMU, "iommu0", "intel-iommu", props, Optional.empty(), List.of());
        }).toList();
    }

    /** The guest's memory options, with the backend of all of RAM when there are no NUMA nodes to hold it. */
    private Machine.MemoryOptions memoryOptions() {
        Machine.MemoryOptions options = domain.memoryOptions();
        RamBacking ram = domain.numaCells().isEmpty()
                ? domain.memoryBacking().backing(domain.name(), "pc.ram", Optional.empty(), Optional.empty(), Optional.empty())
                : RamBacking.PLAIN;
        return new Machine.MemoryOptions(options.dumpGuestCore(), options.merge(), options.locked(), ram);
    }

    /**
     * pc-dimm and nvdimm modules, each after the memory backend libvirt gives it (see
     * {@link ResolvedMemoryBacking#backing}; the module's access mode and discard, else its cell's, else the
     * domain's), bound to the host nodes of its source, else of its guest cell. An NVDIMM that is not real
     * persistent memory is preallocated.
     */
    private List<GenericDevice> memoryModules() {
        List<GenericDevice> out = new ArrayList<>();
        for (ResolvedDevice module : domain.peripherals("memory")) {
            boolean nvdimm = module.model().equals("nvdimm");
            String alias = module.model() + module.setting("slot");
            origin(alias, module.position());
            ResolvedNumaCell cell = domain.numaCells().get((int) module.setting("node"));
            RamBacking backing = domain.memoryBacking().backing(domain.name(), alias,
                    module.value("access").or(cell::memAccess),
                    module.value("discard").map(Boolean::valueOf).or(cell::discard), module.value("path"));
            if (nvdimm && module.value("pmem").isEmpty()) {
                backing = new RamBacking(backing.kind(), backing.path(), backing.discard(), backing.share(), true,
                        backing.preallocThreads());
            }
            Map<String, Object> backend = backing.properties("mem" + alias, false);
            backend.put("size", GenericDevice.number(module.setting("sizeKiB") * 1024));
            if (module.settings().containsKey("alignKiB")) {
                backend.put("align", GenericDevice.number(module.setting("alignKiB") * 1024));
            }
            module.value("pmem").ifPresent(p -> backend.put("pmem", true));
            Optional<HostMemoryPolicy> policy = module.value("nodemask")
                    .map(nodes -> new HostMemoryPolicy(java.util.Arrays.stream(nodes.split(",")).map(Integer::valueOf).toList(),
                            "bind"))
                    .or(() -> hostPolicy((int) module.setting("node")));
            policy.ifPresent(p -> {
                backend.put("host-nodes", p.hostNodes());
                backend.put("policy", p.policy());
            });
            Map<String, Object> props = new LinkedHashMap<>();
            props.put("node", GenericDevice.number(module.setting("node")));
            if (module.settings().containsKey("labelKiB")) {
                props.put("label-size", GenericDevice.number(module.setting("labelKiB") * 1024));
            }
            module.value("readonly").ifPresent(r -> props.put("unarmed", true));
            props.put("memdev", "mem" + alias);
            props.put("id", alias);
            props.put("slot", GenericDevice.number(module.setting("slot")));
            if (module.settings().containsKey("base")) {
                props.put("addr", GenericDevice.number(module.setting("base")));
            }
            out.add(new GenericDevice(GenericDevice.Kind.MEMORY, alias, nvdimm ? "nvdimm" : "pc-dimm", props,
                    Optional.empty(), List.of(GenericDevice.Backend.object(backend))));
        }
        return out;
    }

    /**
     * Each serial port's number: the written one, else one past the highest of all the others so far
     * (libvirt's post-parse, in document order: a port written later still counts).
     */
    private List<Integer> serialPorts() {
        List<Integer> ports = new ArrayList<>();
        for (ResolvedDevice serial : domain.serials()) {
            ports.add(serial.value("port").map(Integer::parseInt).orElse(-1));
        }
        for (int i = 0; i < ports.size(); i++) {
            if (ports.get(i) < 0) {
                ports.set(i, ports.stream().mapToInt(Integer::intValue).max().orElse(-1) + 1);
            }
        }
        return ports;
    }

    /** libvirt rounds each cell up to a whole MiB; the guest's memory is then their sum. */
    private List<NumaNode> numaNodes() {
        return domain.numaCells().stream()
                .map(c -> new NumaNode(c.id(), c.cpus(), (c.memoryKiB() + 1023) / 1024 * 1024 * 1024, hostPolicy(c.id()),
                        c.distances(), domain.memoryBacking().backing(domain.name(), "ram-node" + c.id(), c.memAccess(),
                                c.discard(), Optional.empty()),
                        NumaHmat.initiator(domain.hmat(), domain.numaCells(), c)))
                .toList();
    }

    /** The host nodes <numatune> binds a cell's memory to (-1: all memory), unless only cgroups enforce them. */
    private Optional<HostMemoryPolicy> hostPolicy(int cell) {
        return domain.memoryTuning().hostNodesOf(cell).flatMap(binding -> binding.mode().qemuPolicy()
                .map(policy -> new HostMemoryPolicy(binding.nodes(), policy)));
    }


    private boolean isBuiltinSata(ResolvedController c) {
        return domain.isQ35() && c.index() == 0;
    }

    private long alignedMemoryBytes() {
        if (!domain.numaCells().isEmpty()) {
            return numaNodes().stream().mapToLong(NumaNode::memoryBytes).sum();
        }
        long kib = (domain.memoryKiB() + 1023) / 1024 * 1024;
        return kib * 1024;
    }

    private Smp smp() {
        if (domain.topology().isPresent()) {
            int[] t = domain.topology().get();
            return new Smp(domain.currentVcpus(), domain.vcpus(), t[0], OptionalInt.of(t[1]), t[2], t[3]);
        }
        return new Smp(domain.currentVcpus(), domain.vcpus(), domain.vcpus(), OptionalInt.empty(), 1, 1);
    }


    private static String nicDriver(String model) {
        return model.equals("virtio") ? "virtio-net-pci" : model;
    }

    /** libvirt makes up a random 52:54:00 address; ours is stable so that output is reproducible. */
    private String generatedMac(int index) {
        int hash = (domain.name() + "/" + index).hashCode();
        return String.format("52:54:00:%02x:%02x:%02x", (hash >> 16) & 0xff, (hash >> 8) & 0xff, hash & 0xff);
    }

    private static boolean isRamfb(ResolvedDevice video) {
        return video.model().equals("ramfb");
    }

    private PciPlanner.Plan planPci() {
        List<Request> requests = new ArrayList<>();
        Optional<Request> primaryVideo = Optional.empty();
        if (!domain.videos().isEmpty() && !isRamfb(domain.videos().get(0))) {
            ResolvedDevice video = domain.videos().get(0);
            primaryVideo = Optional.of(new Request(video, Connect.PCI, video.pciAddress(), video.position()));
        }
        // libvirt's order: filesystems, NICs, sound cards, controllers, disks, host devices, balloon, rngs, watchdog,
        // secondary videos, shared memory, virtio inputs, PCI serial ports, vsock
        for (ResolvedDevice fs : domain.peripherals("filesystem")) {
            requests.add(new Request(fs, Connect.PCIE, fs.pciAddress(), fs.position()));
        }
        for (ResolvedInterface nic : domain.interfaces()) {
            Connect connect = nic.model().equals("virtio") || nic.model().equals("e1000e") ? Connect.PCIE : Connect.PCI;
            Request request = new Request(nic, connect, nic.pciAddress(), nic.position(), true);
            // a host device's interface is placed as that host device first; its NIC comes in only with the others'
            requests.add(nic.type().equals("hostdev") ? request.onlyPlacedAgain() : request);
        }
        for (ResolvedDevice sound : domain.peripherals("sound")) {
            if (Peripherals.isPciSound(sound)) {
                Request request = new Request(sound, Connect.PCI, sound.pciAddress(), sound.position());
                requests.add(Peripherals.takesIch9Slot(domain, sound)
                        ? request.preferring(new XmlPciAddress(0, 0, ICH9_AUDIO_SLOT, 0, Optional.empty())) : request);
            }
        }
        Set<Integer> usb2Groups = new HashSet<>();
        for (ResolvedController c : domain.controllers()) {
            if (c.isUsb2Family() && c.pciAddress().isEmpty()) {
                // an ICH9 USB2 group shares one slot: its first member is placed, the others follow it
                boolean addressed = domain.controllers().stream()
                        .anyMatch(o -> o.isUsb2Family() && o.index() == c.index() && o.pciAddress().isPresent());
                if (!addressed && usb2Groups.add(c.index())) {
                    Request request = new Request(c, Connect.PCI, Optional.empty(), c.position());
                    boolean hasUhci1 = domain.controllers().stream().anyMatch(o -> o.isUsb2Family()
                            && o.index() == c.index() && o.model().equals("ich9-uhci1"));
                    if (domain.isQ35() && hasUhci1) {
                        // real Q35 boards have their USB2 controllers at 00:1d and 00:1a
                        request = request.preferring(new XmlPciAddress(0, 0, 0x1d, 0, Optional.empty()),
                                new XmlPciAddress(0, 0, 0x1a, 0, Optional.empty()));
                    }
                    requests.add(request);
                }
                continue;
            }
            controllerConnect(c).ifPresent(connect -> requests.add(new Request(c, connect, c.pciAddress(), c.position())));
        }
        for (ResolvedDisk disk : domain.disks()) {
            if (disk.bus() == DiskBus.VIRTIO) {
                requests.add(new Request(disk, Connect.PCIE, disk.pciAddress(), disk.position()));
            }
        }
        // a host PCI device is taken for PCI Express: the host's own is not looked at (most are, libvirt assumes)
        Set<ResolvedDevice> ofInterfaces = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        domain.interfaces().forEach(nic -> nic.hostdev().ifPresent(ofInterfaces::add));
        // an interface's host device keeps the address the interface gives, else is placed again with the NICs
        domain.peripherals("hostdev").stream().filter(Peripherals::isPciHostdev)
                .forEach(h -> requests.add(new Request(h, Connect.PCIE, h.pciAddress(), h.position(),
                        ofInterfaces.contains(h) && h.pciAddress().isEmpty())));
        domain.balloon().ifPresent(b -> requests.add(new Request(b, Connect.PCIE, b.pciAddress(), b.position())));
        for (ResolvedDevice rng : domain.peripherals("rng")) {
            requests.add(new Request(rng, Connect.PCIE, rng.pciAddress(), rng.position()));
        }
        domain.peripherals("watchdog").stream().filter(Peripherals::isPciWatchdog)
                .forEach(w -> requests.add(new Request(w, Connect.PCI, w.pciAddress(), w.position())));
        for (int i = 1; i < domain.videos().size(); i++) {
            ResolvedDevice video = domain.videos().get(i);
            if (isRamfb(video)) {
                continue;
            }
            requests.add(new Request(video, video.model().equals("virtio") ? Connect.PCIE : Connect.PCI,
                    video.pciAddress(), video.position()));
        }
        for (ResolvedDevice shmem : domain.peripherals("shmem")) {
            requests.add(new Request(shmem, Connect.PCI, shmem.pciAddress(), shmem.position()));
        }
        domain.inputs().stream().filter(Peripherals::isPciInput)
                .forEach(input -> requests.add(new Request(input, Connect.PCIE, input.pciAddress(), input.position())));
        domain.serials().stream().filter(s -> s.value("target").filter("pci-serial"::equals).isPresent())
                .forEach(s -> requests.add(new Request(s, Connect.PCI, s.pciAddress(), s.position())));
        for (ResolvedDevice vsock : domain.peripherals("vsock")) {
            requests.add(new Request(vsock, Connect.PCIE, vsock.pciAddress(), vsock.position()));
        }
        domain.peripherals("iommu").stream().filter(i -> i.model().equals("virtio"))
                .forEach(i -> requests.add(new Request(i, Connect.INTEGRATED, i.pciAddress(), i.position())));
        List<ResolvedController> pciControllers = domain.controllers().stream().filter(c -> c.is("pci")).toList();
        PciPlanner.Plan plan = PciPlanner.plan(domain.family(), primaryVideo, requests, pciControllers,
                domain.acpiIndexes(), findings);
        // The PIIX3's own USB function lives at 0x1.0x2 and needs no slot of its own.
        Map<Object, PciAddress> addresses = new java.util.IdentityHashMap<>(plan.addresses());
        for (ResolvedController c : domain.controllers()) {
            if (isPiix3Usb(c)) {
                addresses.put(c, PciAddress.of("pci.0", 1, 2));
            }
            if (c.isUsb2Family() && c.pciAddress().isEmpty()) {
                Optional<PciAddress> slot = domain.controllers().stream()
                        .filter(o -> o.isUsb2Family() && o.index() == c.index() && addresses.containsKey(o))
                        .map(addresses::get).findFirst();
                if (slot.isPresent()) {
                    addresses.put(c, new PciAddress(slot.get().bus(), slot.get().slot(),
                            ResolvedController.USB2_FUNCTIONS.get(c.model()),
                            c.model().equals("ich9-uhci1") ? Optional.of(true) : Optional.empty()));
                }
            }
        }
        addAcpiIndexes(addresses);
        return new PciPlanner.Plan(addresses, plan.buses());
    }

    /** Each {@code <acpi index>} goes with its device's PCI address; a device off PCI cannot have one. */
    private void addAcpiIndexes(Map<Object, PciAddress> addresses) {
        Set<SourcePosition> placed = new HashSet<>();
        // the planner gave the PCI controllers (but the roots, which have no address) theirs
        domain.controllers().stream().filter(c -> c.is("pci") && !c.model().endsWith("-root"))
                .forEach(c -> c.position().ifPresent(placed::add));
        for (Map.Entry<Object, PciAddress> entry : addresses.entrySet()) {
            Optional<SourcePosition> where = positionOf(entry.getKey());
            Integer index = where.map(domain.acpiIndexes()::get).orElse(null);
            if (index != null) {
                entry.setValue(entry.getValue().withAcpiIndex(index));
                placed.add(where.get());
            }
        }
        domain.acpiIndexes().keySet().stream().filter(where -> !placed.contains(where))
                .sorted(java.util.Comparator.comparingInt(SourcePosition::line).thenComparingInt(SourcePosition::column))
                .forEach(where -> findings.error(DomainResolver.RULE_ID, "ACPI index is only supported for PCI devices",
                        Optional.of(where)));
    }

    private static Optional<SourcePosition> positionOf(Object resolved) {
        if (resolved instanceof ResolvedDevice d) {
            return d.position();
        } else if (resolved instanceof ResolvedDisk d) {
            return d.position();
        } else if (resolved instanceof ResolvedController c) {
            return c.position();
        }
        return Optional.empty();
    }

    /**
     * The PIIX3's own USB function on i440FX: implicit, or written at 0000:00:01.2 as libvirt itself stores
     * it once defined (virsh dumpxml), which is the same device and not a second one at that address.
     */
    private boolean isPiix3Usb(ResolvedController c) {
        return c.is("usb") && c.model().equals("piix3-uhci") && domain.family() == MachineFamily.I440FX && c.index() == 0
                && c.pciAddress().map(a -> a.domain() == 0 && a.bus() == 0 && a.slot() == 1 && a.function() == 2).orElse(true);
    }

    private static final int ICH9_AUDIO_SLOT = 0x1b;

    private Optional<Connect> controllerConnect(ResolvedController c) {
        return switch (c.type()) {
            case "scsi" -> spaprVio.containsKey(c) ? Optional.empty()
                    : Optional.of(c.model().equals("virtio-scsi") ? Connect.PCIE : Connect.PCI);
            case "sata" -> isBuiltinSata(c) ? Optional.empty() : Optional.of(Connect.PCI);
            case "usb" -> {
                if (c.model().equals("none") || isPiix3Usb(c)) {
                    yield Optional.empty();
                }
                yield Optional.of(c.model().endsWith("xhci") ? Connect.PCIE : Connect.PCI);
            }
            case "virtio-serial" -> Optional.of(Connect.PCIE);
            default -> Optional.empty();
        };
    }

    private DiskDevice disk(ResolvedDisk disk, int nodeIndex, OptionalInt bootIndex, PciPlanner.Plan plan) {
        // libvirt gives a writable shared disk cache='none' unless one is set; a read-only one keeps no cache mode.
        Optional<CacheMode> cache = disk.cache()
                .or(() -> disk.shareable() && !disk.readonly() ? Optional.of(CacheMode.NONE) : Optional.empty());
        Optional<CacheFlags> cacheFlags = cache.map(CacheMode::flags);
        List<BlockNode> nodes = new ArrayList<>();
        List<BlockNode> backingNodes = new ArrayList<>();
        List<GenericDevice.Backend> backends = new ArrayList<>();
        Optional<String> drive = Optional.empty();
        if (disk.isVhostUser()) {
            backends.add(new GenericDevice.Backend("-chardev", vhostUserChardev(disk)));
        } else if (!disk.isEmpty()) {
            String storage = "libvirt-" + nodeIndex + "-storage";
            String format = "libvirt-" + nodeIndex + "-format";
            backingNodes.addAll(backingChain(disk, nodeIndex, cacheFlags, backends));
            if (disk.network().isPresent()) {
                nodes.add(networkNode(storage, disk.network().get(), cacheFlags, backends));
            } else if (disk.type().equals("dir")) {
                // QEMU makes a FAT image up from the directory; a floppy's is floppy-sized
                Map<String, Object> vvfat = new LinkedHashMap<>();
                vvfat.put("dir", disk.sourcePath().get());
                vvfat.put("floppy", disk.device().equals("floppy"));
                vvfat.put("rw", !disk.readonly());
                nodes.add(new NetworkNode(storage, "vvfat", vvfat, cacheFlags, true, "unmap"));
            } else {
                String protocol = disk.type().equals("block")
                        ? ProtocolNode.hostDeviceDriver(disk.sourcePath().get(), disk.isCdrom()) : "file";
                nodes.add(new ProtocolNode(storage, protocol, disk.sourcePath().get(), disk.io(), cacheFlags, true,
                        "unmap").withPrManager(DiskReservations.manager(disk, storage, domain.name())));
            }
            Optional<String> detectZeroes = disk.detectZeroes()
                    .map(dz -> dz.equals("unmap") && !disk.discard().equals(Optional.of("unmap")) ? "on" : dz);
            // the made-up FAT image is read as raw
            nodes.add(new FormatNode(format, disk.format().equals("fat") ? "raw" : disk.format(), disk.readonly(), disk.discard(), detectZeroes, cacheFlags,
                    disk.metadataCacheBytes(), storage, backingLink(disk.format(), disk.xml().backingStore != null,
                            disk.backingChain().isEmpty() ? Optional.empty() : Optional.of(nodeIndex + 1))));
            drive = Optional.of(format);
            if (Values.onOff(disk.xml().driver == null ? null : disk.xml().driver.copyOnRead).orElse(false)) {
                // libvirt reads through a copy-on-read filter named after the target
                nodes.add(new FilterNode("libvirt-CoR-" + disk.target(), "copy-on-read", format, "unmap"));
                drive = Optional.of("libvirt-CoR-" + disk.target());
            }
        }
        String alias = diskAlias(disk);
        DeviceAddress address;
        String driver;
        Optional<String> deviceId = Optional.empty();
        switch (disk.bus()) {
            case VIRTIO -> {
                driver = disk.isVhostUser() ? DiskDevice.VHOST_USER_BLK : "virtio-blk-pci";
                address = plan.of(disk);
            }
            case SCSI -> {
                DriveAddress a = disk.driveAddress().orElseThrow();
                StorageControllerKind kind = domain.controller("scsi", a.controller())
                        .flatMap(c -> scsiKind(c.model())).orElse(StorageControllerKind.LSI);
                address = kind.scsiChannelAddressing()
                        ? new ScsiAddress("scsi" + a.controller() + ".0", OptionalInt.of(a.bus()), a.target(),
                                OptionalInt.of(a.unit()))
                        : new ScsiAddress("scsi" + a.controller() + "." + a.bus(), OptionalInt.empty(), a.unit(),
                                OptionalInt.empty());
                if (disk.device().equals("lun")) {
                    driver = "scsi-block";
                } else {
                    driver = disk.isCdrom() ? "scsi-cd" : "scsi-hd";
                    deviceId = Optional.of(disk.serial().orElse("drive-" + alias));
                }
            }
            case IDE -> {
                DriveAddress a = disk.driveAddress().orElseThrow();
                driver = disk.isCdrom() ? "ide-cd" : "ide-hd";
                address = new IdeAddress("ide." + a.bus(), OptionalInt.of(a.unit()));
            }
            case USB -> {
                driver = "usb-storage";
                UsbAddressSet.UsbAddress usb = peripherals.usbAddress(disk);
                address = new UsbAddress(usb.busId(), usb.port());
            }
            case FDC -> {
                driver = "floppy";
                address = new FloppyAddress(disk.driveAddress().orElseThrow().unit());
            }
            case SATA -> {
                DriveAddress a = disk.driveAddress().orElseThrow();
                driver = disk.isCdrom() ? "ide-cd" : "ide-hd";
                String controller = domain.isQ35() && a.controller() == 0 ? "ide" : "sata" + a.controller();
                address = new IdeAddress(controller + "." + a.unit(), OptionalInt.empty());
            }
            default -> throw new IllegalStateException("bus " + disk.bus() + " passed validation");
        }
        boolean virtio = disk.bus() == DiskBus.VIRTIO;
        DiskFrontend frontend = new DiskFrontend(driver, alias, address, drive,
                virtio ? disk.virtio() : VirtioOptions.NONE,
                virtio && disk.iothread().isPresent() ? Optional.of("iothread" + disk.iothread().getAsInt()) : Optional.empty(),
                virtio ? disk.ioeventfd() : Optional.empty(),
                virtio ? disk.eventIdx() : Optional.empty(),
                virtio ? disk.queues() : OptionalInt.empty(),
                // libvirt takes queue_size on any bus and passes it to virtio only
                virtio ? disk.queueSize() : OptionalInt.empty(),
                virtio && disk.device().equals("lun"),
                // a floppy's boot index belongs to its controller (FloppyController)
                deviceId, disk.shareable(), disk.bus() == DiskBus.FDC ? OptionalInt.empty() : bootIndex,
                disk.wwn().map(w -> new BigInteger(w.startsWith("0x") ? w.substring(2) : w, 16)),
                disk.rotationRate(), disk.vendor(), disk.product(),
                disk.device().equals("lun") ? Optional.empty() : cache.map(CacheMode::writeCache),
                disk.serial().map(s -> s.replace(" ", "\\ ")),
                disk.tuning());
        return new DiskDevice(disk.target(), nodes, frontend, backends, backingNodes);
    }

    /**
     * The nodes of a disk's backing images, the deepest first: numbered on from the disk's own image's,
     * read-only, with the disk's cache, I/O mode and discard (libvirt gives these to the whole chain).
     */
    private static List<BlockNode> backingChain(ResolvedDisk disk, int nodeIndex, Optional<CacheFlags> cacheFlags,
            List<GenericDevice.Backend> backends) {
        List<BlockNode> nodes = new ArrayList<>();
        List<BackingImage> chain = disk.backingChain();
        for (int k = chain.size() - 1; k >= 0; k--) {
            BackingImage image = chain.get(k);
            int index = nodeIndex + k + 1;
            String storage = "libvirt-" + index + "-storage";
            nodes.add(image.network().isPresent() ? networkNode(storage, image.network().get(), cacheFlags, backends)
                    : new ProtocolNode(storage, image.type().equals("block")
                            ? ProtocolNode.hostDeviceDriver(image.sourcePath().get(), false) : "file",
                            image.sourcePath().get(), disk.io(), cacheFlags, true, "unmap"));
            nodes.add(new FormatNode("libvirt-" + index + "-format", image.format(), true, disk.discard(),
                    Optional.empty(), cacheFlags, image.metadataCacheBytes(), storage,
                    backingLink(image.format(), image.chainWritten(),
                            k + 1 < chain.size() ? Optional.of(index + 1) : Optional.empty())));
        }
        return nodes;
    }

    /**
     * What a format node says of its backing image: formats that can have one are told the next image's
     * node, or that there is none when the chain is written to its end; the others, and images whose XML
     * says nothing of a chain, are left to what the image names.
     */
    private static BackingLink backingLink(String format, boolean chainWritten, Optional<Integer> next) {
        if (!FormatNode.canHaveBacking(format) || !chainWritten) {
            return BackingLink.FROM_IMAGE;
        }
        return next.<BackingLink>map(index -> new BackingLink.Node("libvirt-" + index + "-format"))
                .orElse(BackingLink.NONE);
    }

    private static NetworkNode networkNode(String storage, NetworkSource network, Optional<CacheFlags> cacheFlags,
            List<GenericDevice.Backend> backends) {
        network.tlsCredentials(storage).ifPresent(id -> backends.add(GenericDevice.Backend.object(tlsCredentials(id))));
        return new NetworkNode(storage, network.driver(), network.location(storage), cacheFlags, true, "unmap");
    }

    /** A vhost-user disk's socket: QEMU connects to the backend, again after the timeout if it is to reconnect. */
    private String vhostUserChardev(ResolvedDisk disk) {
        var reconnect = disk.xml().source.reconnect;
        String again = "";
        if (reconnect != null) {
            again = ",reconnect=" + (Values.onOff(reconnect.enabled).orElse(false)
                    ? Values.text(reconnect.timeout).orElse("0") : "0");
        }
        return "socket,id=" + DiskDevice.vhostUserChardev(diskAlias(disk)) + ",path="
                + Peripherals.escapeCommas(disk.sourcePath().orElseThrow()) + again;
    }

    /**
     * The TLS credentials QEMU checks an NBD server's certificate with: qemu.conf's defaults (nbd_tls_x509_cert_dir
     * and nbd_tls_x509_verify fall back to default_tls_x509_cert_dir /etc/pki/qemu and verification on).
     */
    private static Map<String, Object> tlsCredentials(String id) {
        Map<String, Object> tls = new LinkedHashMap<>();
        tls.put("qom-type", "tls-creds-x509");
        tls.put("id", id);
        tls.put("dir", "/etc/pki/qemu");
        tls.put("endpoint", "client");
        tls.put("verify-peer", true);
        return tls;
    }

    /** The floppy controller when there are floppy drives: drive A's and B's boot indexes live on it. */
    private Optional<FloppyController> floppyController(BootIndexes boot) {
        OptionalInt[] bootIndex = {OptionalInt.empty(), OptionalInt.empty()};
        boolean any = false;
        for (int i = 0; i < domain.disks().size(); i++) {
            ResolvedDisk disk = domain.disks().get(i);
            if (disk.bus() == DiskBus.FDC) {
                any = true;
                int unit = disk.driveAddress().map(DriveAddress::unit).orElse(0);
                if (unit < 2) {
                    bootIndex[unit] = boot.forDisk(i);
                }
            }
        }
        // QEMU's Q35 machines have no floppy controller of their own: libvirt adds one
        return any ? Optional.of(new FloppyController(domain.isQ35(), bootIndex[0], bootIndex[1])) : Optional.empty();
    }

    private String diskAlias(ResolvedDisk disk) {
        Optional<DriveAddress> address = disk.driveAddress();
        return switch (disk.bus()) {
            case VIRTIO -> "virtio-disk" + disk.index();
            case SCSI -> {
                DriveAddress a = address.orElseThrow();
                boolean lsi = domain.controller("scsi", a.controller()).map(c -> c.model().equals("lsilogic")).orElse(true);
                yield lsi ? "scsi" + a.controller() + "-" + a.bus() + "-" + a.unit()
                        : "scsi" + a.controller() + "-" + a.bus() + "-" + a.target() + "-" + a.unit();
            }
            case IDE -> "ide" + address.orElseThrow().controller() + "-" + address.get().bus() + "-" + address.get().unit();
            case SATA -> "sata" + address.orElseThrow().controller() + "-" + address.get().bus() + "-" + address.get().unit();
            case USB -> "usb-disk" + disk.index();
            case FDC -> "fdc" + address.orElseThrow().controller() + "-" + address.get().bus() + "-" + address.get().unit();
            default -> throw new IllegalStateException("bus " + disk.bus() + " passed validation");
        };
    }

    /**
     * Boot indexes: written {@code <boot order>}s, else libvirt's conversion of {@code <os><boot dev>}.
     * An interface keeps only the second: domxml-to-native rebuilds every interface from its model, MAC
     * and script after parsing, which loses the index its {@code <boot order>} gave it, while the one
     * {@code <boot dev='network'>} gives is set later, on the rebuilt interface.
     */
    private record BootIndexes(int[] disks, int[] interfaces) {
        static BootIndexes of(ResolvedDomain domain) {
            int[] disks = new int[domain.disks().size()];
            int[] nics = new int[domain.interfaces().size()];
            for (int i = 0; i < disks.length; i++) {
                disks[i] = domain.disks().get(i).bootOrder().orElse(0);
            }
            List<String> devs = domain.osBootDevices();
            if (!devs.isEmpty()) {
                int cd = devs.indexOf("cdrom") + 1;
                int fd = devs.indexOf("fd") + 1;
                int hd = devs.indexOf("hd") + 1;
                int net = devs.indexOf("network") + 1;
                for (int i = 0; i < disks.length; i++) {
                    ResolvedDisk disk = domain.disks().get(i);
                    if (disk.isCdrom()) {
                        disks[i] = cd;
                        cd = 0;
                    } else if (disk.device().equals("floppy")) {
                        disks[i] = fd;
                        fd = 0;
                    } else if (disk.device().equals("disk") || disk.device().equals("lun")) {
                        disks[i] = hd;
                        hd = 0;
                    }
                }
                if (nics.length > 0) {
                    nics[0] = net;
                }
            }
            return new BootIndexes(disks, nics);
        }

        OptionalInt forDisk(int i) {
            return disks[i] > 0 ? OptionalInt.of(disks[i]) : OptionalInt.empty();
        }

        OptionalInt forInterface(int i) {
            return interfaces[i] > 0 ? OptionalInt.of(interfaces[i]) : OptionalInt.empty();
        }
    }
}
