package dev.domxml.rules;

import dev.domxml.binding.Address;
import dev.domxml.binding.BlockIo;
import dev.domxml.binding.DiskDriver;
import dev.domxml.binding.CharDevice;
import dev.domxml.binding.CharTarget;
import dev.domxml.binding.Controller;
import dev.domxml.binding.DeviceAcpi;
import dev.domxml.binding.Devices;
import dev.domxml.binding.BackingStore;
import dev.domxml.binding.Disk;
import dev.domxml.binding.DiskGeometry;
import dev.domxml.binding.DiskHost;
import dev.domxml.binding.DiskSource;
import dev.domxml.binding.Domain;
import dev.domxml.binding.Features;
import dev.domxml.binding.Endpoint;
import dev.domxml.binding.Filesystem;
import dev.domxml.binding.Graphics;
import dev.domxml.binding.Hostdev;
import dev.domxml.binding.HostdevSource;
import dev.domxml.binding.Hub;
import dev.domxml.binding.Input;
import dev.domxml.binding.Interface;
import dev.domxml.binding.Lease;
import dev.domxml.binding.IoThreadId;
import dev.domxml.binding.Loader;
import dev.domxml.binding.MemBalloon;
import dev.domxml.binding.Memory;
import dev.domxml.binding.MetadataCache;
import dev.domxml.binding.ModelType;
import dev.domxml.binding.Nvram;
import dev.domxml.binding.Os;
import dev.domxml.binding.OsBoot;
import dev.domxml.binding.Panic;
import dev.domxml.binding.Redirdev;
import dev.domxml.binding.Rng;
import dev.domxml.binding.RngBackend;
import dev.domxml.binding.Shmem;
import dev.domxml.binding.Smm;
import dev.domxml.binding.Sound;
import dev.domxml.binding.VcpuStates;
import dev.domxml.binding.Video;
import dev.domxml.binding.VideoModel;
import dev.domxml.binding.VirtioDriver;
import dev.domxml.binding.Vsock;
import dev.domxml.binding.Watchdog;
import dev.domxml.model.FormatNode;
import dev.domxml.model.ChsGeometry;
import dev.domxml.model.DiskTuning;
import dev.domxml.model.Display;
import dev.domxml.model.Firmware;
import dev.domxml.model.Machine;
import dev.domxml.model.MemoryHotplug;
import dev.domxml.model.MachineFamily;
import dev.domxml.model.Passthrough;
import dev.domxml.model.VirtioOptions;
import dev.domxml.report.SourcePosition;
import dev.domxml.xml.DomainDocument;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.w3c.dom.Element;

/**
 * libvirt's parse and post-parse steps for the QEMU driver (9.0, QEMU 7.2, x86_64): reads the typed
 * XML, fills in the defaults, adds the devices and controllers libvirt adds, sorts disks the way
 * libvirt keeps them and hands out drive addresses. What cannot even be read is reported here; what
 * libvirt refuses on purpose is left to the refusal rules.
 */
public final class DomainResolver {
    static final String RULE_ID = "invalid-definition";
    private static final String QEMU_VERSION = "7.2";
    private static final Pattern VERSIONED_MACHINE = Pattern.compile("pc-(i440fx|q35)-(\\d+)\\.(\\d+)");
    private static final String DEFAULT_EMULATOR = "/usr/bin/qemu-system-x86_64";
    private static final String DEFAULT_I686_EMULATOR = "/usr/bin/qemu-system-i386";
    /** More controllers than this cannot fit on any PCI topology libvirt builds. */
    private static final int MAX_CONTROLLER_INDEX = 1024;

    private final DomainDocument document;
    private final Findings findings;
    /** The domain's own security labels, which an image's labels override. */
    private List<dev.domxml.binding.Seclabel> domainSeclabels = List.of();
    private final HostDevices hostDevices = new HostDevices(this);
    /** The host devices of {@code <interface type='hostdev'>}, in the interfaces' order. */
    private final List<ResolvedDevice> interfaceHostdevs = new ArrayList<>();
    /** Objects made up from XML the binding keeps elsewhere, and the element whose position they report. */
    private final Map<Object, Object> writtenAs = new IdentityHashMap<>();

    private DomainResolver(DomainDocument document, Findings findings) {
        this.document = document;
        this.findings = findings;
    }

    /** Resolves the document; returns empty when it is too broken to go on (the reason is in findings). */
    public static Optional<ResolvedDomain> resolve(DomainDocument document, Findings findings) {
        return new DomainResolver(document, findings).resolve();
    }

    Optional<SourcePosition> at(Object bound) {
        return document.positionOrDomain(writtenAs.getOrDefault(bound, bound));
    }

    void invalid(Object where, String message) {
        findings.error(RULE_ID, message, at(where));
    }

    void invalidAt(Optional<SourcePosition> where, String message) {
        findings.error(RULE_ID, message, where.or(() -> document.positionOf(document.domain())));
    }

    private Optional<ResolvedDomain> resolve() {
        Domain domain = document.domain();
        int errorsBefore = findings.all().size();

        String domainType = Values.text(domain.type).orElse("");
        if (!domainType.equals("qemu") && !domainType.equals("kvm")) {
            invalid(domain, domainType.isEmpty()
                    ? "<domain> has no type attribute; use type='kvm' or type='qemu'"
                    : "domain type '" + domainType + "' is not a QEMU domain; use type='kvm' or type='qemu'");
        }
        String name = Values.text(domain.name).orElse("");
        if (name.isEmpty()) {
            invalid(domain, "<domain> has no <name>");
        }
        child(domain, "launchSecurity").ifPresent(this::refuseLaunchSecurity);
        child(domain, "keywrap").ifPresent(this::refuseKeyWrap);
        child(domain, "bootloader").ifPresent(loader -> invalid(loader, "bootloader is not supported by QEMU"));
        String arch = domain.os != null && domain.os.type != null
                ? Values.text(domain.os.type.arch).orElse("x86_64") : "x86_64";
        // i686 guests are the same PC machines, run by qemu-system-i386 with a 32-bit default CPU.
        boolean i686 = arch.equals("i686");
        if (!arch.equals("x86_64") && !i686) {
            invalid(domain.os.type, "architecture '" + arch + "' is not supported: domxml models x86_64 and i686 guests");
        }
        if (domain.os != null && domain.os.type != null
                && !Values.text(domain.os.type.value).orElse("hvm").equals("hvm")) {
            invalid(domain.os.type, "OS type '" + domain.os.type.value.trim() + "' is not supported; QEMU runs 'hvm'");
        }
        String machineAsWritten = domain.os != null && domain.os.type != null
                ? Values.text(domain.os.type.machine).orElse("pc") : "pc";
        String machineType = machineAsWritten;
        MachineFamily family = MachineFamily.I440FX;
        if (machineAsWritten.equals("pc")) {
            machineType = "pc-i440fx-" + QEMU_VERSION;
        } else if (machineAsWritten.equals("q35")) {
            machineType = "pc-q35-" + QEMU_VERSION;
            family = MachineFamily.Q35;
        } else {
            Matcher m = VERSIONED_MACHINE.matcher(machineAsWritten);
            if (m.matches()) {
                family = m.group(1).equals("q35") ? MachineFamily.Q35 : MachineFamily.I440FX;
            } else {
                invalid(domain.os.type, "machine type '" + machineAsWritten
                        + "' is not supported: use pc, q35, pc-i440fx-X.Y or pc-q35-X.Y");
            }
        }

        long memoryKiB = 0;
        boolean memoryUnreadable = false;
        if (domain.memory != null) {
            Optional<Long> kib = Values.kibibytes(domain.memory.value, domain.memory.unit);
            if (kib.isEmpty()) {
                memoryUnreadable = true;
                invalid(domain.memory, "invalid memory size '" + domain.memory.value + "' unit '"
                        + domain.memory.unit + "'");
            } else {
                memoryKiB = kib.get();
            }
        }

        int vcpus = 1;
        int currentVcpus = 1;
        if (domain.vcpu != null) {
            vcpus = positiveInt(domain.vcpu, domain.vcpu.value, "vcpu count").orElse(1);
            currentVcpus = domain.vcpu.current == null ? vcpus
                    : positiveInt(domain.vcpu, domain.vcpu.current, "vcpu current").orElse(vcpus);
            if (currentVcpus > vcpus) {
                invalid(domain.vcpu, "<vcpu current='" + currentVcpus + "'> is more than the maximum " + vcpus);
            }
        } else {
            currentVcpus = 1;
        }
        if (domain.vcpuStates != null) {
            currentVcpus = vcpusAtStart(domain.vcpuStates, vcpus);
        }
        Optional<int[]> topology = Optional.empty();
        Optional<GuestCpu.HostCpuRequirement> hostCpu = Optional.empty();
        boolean i386Binary = Values.text(domain.devices == null ? null : domain.devices.emulator)
                .orElse(i686 ? DEFAULT_I686_EMULATOR : DEFAULT_EMULATOR).endsWith("qemu-system-i386");
        // QEMU's default CPU is the binary's, not the guest's: qemu-system-x86_64 runs an i686 guest on qemu64
        String cpuModel = i386Binary ? "qemu32" : "qemu64";
        if (domain.cpu != null) {
            if (domain.cpu.topology != null) {
                var t = domain.cpu.topology;
                int sockets = positiveInt(t, t.sockets, "topology sockets").orElse(1);
                int dies = t.dies == null ? 1 : positiveInt(t, t.dies, "topology dies").orElse(1);
                int cores = positiveInt(t, t.cores, "topology cores").orElse(1);
                int threads = positiveInt(t, t.threads, "topology threads").orElse(1);
                if ((long) sockets * dies * cores * threads != vcpus) {
                    invalid(t, "CPU topology sockets*dies*cores*threads = " + sockets * dies * cores * threads
                            + " does not match the maximum vCPU count " + vcpus);
                }
                topology = Optional.of(new int[] {sockets, dies, cores, threads});
            }
            String mode = Values.text(domain.cpu.mode).orElse("custom");
            if (mode.equals("custom") && domain.cpu.model != null && Values.text(domain.cpu.model.value).isPresent()) {
                cpuModel = domain.cpu.model.value.trim();
            } else if (mode.equals("host-passthrough") && domainType.equals("qemu")) {
                invalid(domain.cpu, "CPU mode 'host-passthrough' for " + arch + " qemu domain on x86_64 host is not"
                        + " supported by hypervisor");
            } else if (mode.equals("host-passthrough") || mode.equals("host-model") || mode.equals("maximum")) {
                cpuModel = domainType.equals("kvm") && !mode.equals("maximum") ? "host,migratable=on" : "max";
            }
            Optional<String> migratable = Values.text(domain.cpu.migratable);
            if (migratable.isPresent() && !mode.equals("host-passthrough") && !mode.equals("maximum")) {
                invalid(domain.cpu, "Attribute migratable is only allowed for 'host-passthrough' / 'maximum' CPU mode");
            } else if (migratable.isPresent() && Values.onOff(migratable.get()).isEmpty()) {
                invalid(domain.cpu, "Invalid value for attribute 'migratable' in element 'cpu': '" + migratable.get() + "'.");
            } else if (mode.equals("host-passthrough") || mode.equals("maximum")) {
                // host-passthrough is migratable unless told otherwise; QEMU's i386 binary has no such property
                Optional<String> written = mode.equals("host-passthrough") ? migratable.or(() -> Optional.of("on")) : migratable;
                cpuModel = (mode.equals("maximum") ? "max" : "host") + (i386Binary ? "" : written
                        .map(on -> ",migratable=" + (Values.onOff(on).orElse(true) ? "on" : "off")).orElse(""));
            }
            if ((domainType.equals("qemu") && !mode.equals("host-passthrough")) || mode.equals("custom")
                    || (domainType.equals("kvm") && (mode.equals("host-passthrough") || mode.equals("maximum")))) {
                GuestCpu.Result guest = GuestCpu.of(this, domain.cpu, mode, cpuModel, domainType.equals("qemu"));
                cpuModel = guest.argument();
                hostCpu = guest.hostRequirement();
            }
        }
        Clocks.Resolved clock = Clocks.resolve(this, domain.clock, java.time.Instant.now());
        boolean hypervPanic = domain.devices != null
                && domain.devices.panics.stream().anyMatch(p -> "hyperv".equals(Values.text(p.model).orElse("")));
        List<String> cpuFlags = new ArrayList<>(clock.cpuFlags());
        cpuFlags.addAll(CpuFlags.of(this, domain.features, hypervPanic));
        cpuFlags.addAll(CpuCacheAndAddressBits.of(this, domain.cpu));
        if (!cpuFlags.isEmpty()) {
            cpuModel = cpuModel + "," + String.join(",", cpuFlags);
        }
        List<ResolvedNumaCell> numaCells = resolveNuma(domain, vcpus);
        if (!numaCells.isEmpty()) {
            // libvirt makes the guest's memory the sum of its cells, whatever <memory> says
            memoryKiB = numaCells.stream().mapToLong(ResolvedNumaCell::memoryKiB).sum();
        } else if (memoryKiB == 0 && !memoryUnreadable) {
            invalid(domain.memory == null ? domain : domain.memory,
                    "Memory size must be specified via <memory> or in the <numa> configuration");
        }
        checkAlignedSizes(domain, memoryKiB, numaCells);
        MemoryDevices memoryModules = new MemoryDevices(this, domain.devices == null ? List.of() : domain.devices.memories);
        // the modules count towards the total that <maxMemory> must hold
        Optional<MemoryHotplug> memoryHotplug = memoryHotplug(domain.maxMemory, memoryKiB + memoryModules.writtenKiB(),
                !numaCells.isEmpty());
        ResolvedMemoryTuning memoryTuning = new MemoryTuningResolver(document, findings).resolve(domain, numaCells)
                .orElse(ResolvedMemoryTuning.NONE);
        ResolvedMemoryBacking memoryBacking = ResolvedMemoryBacking.resolve(this, domain);
        Machine.Hmat hmat = NumaHmat.resolve(this, domain.cpu == null ? null : domain.cpu.numa, numaCells)
                .orElse(Machine.Hmat.NONE);
        boolean acpi = domain.features != null && domain.features.acpi != null;
        Firmware firmware = resolveFirmware(domain, name, family, acpi, arch);
        Optional<Boolean> smm = Optional.empty();
        OptionalLong tsegMiB = OptionalLong.empty();
        if (domain.features != null && domain.features.smm != null) {
            Smm written = domain.features.smm;
            smm = Optional.of(optionalOnOff(written, written.state, "smm state").orElse(true));
            if (smm.get() && written.tseg != null) {
                Optional<BigInteger> bytes = Values.bytes(written.tseg.value, written.tseg.unit == null ? "mib" : written.tseg.unit);
                if (bytes.isEmpty()) {
                    invalid(written, "SMM TSEG size '" + written.tseg.value + "' is not a size");
                } else if (family != MachineFamily.Q35) {
                    invalid(written, "SMM TSEG is only supported with q35 machine type");
                } else if (bytes.get().mod(BigInteger.valueOf(MIB)).signum() != 0) {
                    invalid(written, "SMM TSEG size must be divisible by 1 MiB");
                } else {
                    tsegMiB = OptionalLong.of(bytes.get().divide(BigInteger.valueOf(MIB)).longValue());
                }
            }
        }
        if (firmware.secure()) {
            if (family != MachineFamily.Q35) {
                invalid(domain.os.loader, "Secure boot is supported with q35 machine types only");
            } else if (!arch.equals("x86_64")) {
                invalid(domain.os.loader, "Secure boot is supported for x86_64 architecture only");
            } else if (!smm.orElse(false)) {
                invalid(domain.os.loader, "Secure boot requires SMM feature enabled");
            }
        }

        Optional<Boolean> vmport = domain.features == null || domain.features.vmport == null ? Optional.empty()
                : optionalOnOff(domain.features.vmport, domain.features.vmport.state, "vmport state");
        List<ResolvedIoThread> iothreads = resolveIoThreads(domain);
        domainSeclabels = domain.seclabels;
        SecurityLabels.checkDomain(this, domain.seclabels);
        refuseOtherArchitecturesFeatures(domain.features, arch, machineType);
        CpuTune.check(this, domain.cputune, vcpus,
                iothreads.stream().map(ResolvedIoThread::id).collect(java.util.stream.Collectors.toSet()));

        List<String> osBoot = new ArrayList<>();
        boolean bootMenu = false;
        boolean bootMenuOff = false;
        OptionalInt bootMenuTimeout = OptionalInt.empty();
        if (domain.os != null) {
            for (OsBoot boot : domain.os.boots) {
                String dev = Values.text(boot.dev).orElse("");
                if (!Set.of("hd", "cdrom", "network", "fd").contains(dev)) {
                    invalid(boot, "unknown boot device '" + dev + "'");
                } else {
                    osBoot.add(dev);
                }
            }
            if (domain.os.bootmenu != null) {
                bootMenu = Values.onOff(domain.os.bootmenu.enable).orElse(false);
                bootMenuOff = Values.onOff(domain.os.bootmenu.enable).filter(on -> !on).isPresent();
                if (bootMenu && domain.os.bootmenu.timeout != null) {
                    Optional<Long> timeout = Values.unsigned(domain.os.bootmenu.timeout);
                    if (timeout.isPresent() && timeout.get() > MAX_BOOT_MENU_TIMEOUT) {
                        invalid(domain.os.bootmenu, "invalid value for boot menu timeout, must be in range [0,"
                                + MAX_BOOT_MENU_TIMEOUT + "]");
                    }
                    bootMenuTimeout = timeout.filter(v -> v <= MAX_BOOT_MENU_TIMEOUT)
                            .map(v -> OptionalInt.of(v.intValue())).orElse(OptionalInt.empty());
                }
            }
        }

        Devices devices = domain.devices != null ? domain.devices : new Devices();
        for (org.w3c.dom.Element other : devices.otherElements) {
            if (UNWRITTEN_DEVICES.contains(other.getLocalName())) {
                // the command line would silently lack the device: refused, not dropped
                findings.error(RULE_ID, "<" + other.getLocalName() + "> devices are not supported by domxml yet: the"
                        + " command line would leave this one out", document.positionOfElement(other.getLocalName())
                        .or(() -> at(devices)));
            }
        }
        devices.leases.forEach(this::checkLease);
        Map<SourcePosition, Integer> acpiIndexes = acpiIndexes(devices);
        String emulator = Values.text(devices.emulator).orElse(i686 ? DEFAULT_I686_EMULATOR : DEFAULT_EMULATOR);
        String binary = emulator.substring(emulator.lastIndexOf('/') + 1);
        if (!X86_EMULATORS.contains(binary)) {
            // libvirt asks the binary for its capabilities and refuses the domain when it is not there
            invalid(devices.emulator != null ? devices : domain, "emulator '" + emulator + "' is not a QEMU binary for x86"
                    + " guests (" + String.join(", ", new java.util.TreeSet<>(X86_EMULATORS)) + ")");
        }

        List<ResolvedController> controllers = new ArrayList<>();
        List<ControllerIndexes.Written> written = new ArrayList<>();
        for (Controller controller : devices.controllers) {
            String type = Values.text(controller.type).orElse("");
            if (type.isEmpty()) {
                invalid(controller, "<controller> has no type");
                continue;
            }
            OptionalInt index = OptionalInt.empty();
            if (controller.index != null) {
                Optional<Long> parsed = Values.unsigned(controller.index);
                if (parsed.isEmpty() || parsed.get() > Integer.MAX_VALUE) {
                    invalid(controller, "invalid controller index '" + controller.index + "'");
                    continue;
                }
                index = OptionalInt.of(parsed.get().intValue());
            }
            ControllerIndexes.insert(written, new ControllerIndexes.Written(controller, type,
                    Values.text(controller.model).orElse(""), index));
        }
        for (ControllerIndexes.Written w : ControllerIndexes.assign(written)) {
            controllers.add(resolveController(w.controller(), w.type(), w.index().getAsInt(), family));
        }
        List<ResolvedDisk> disks = new ArrayList<>();
        for (Disk disk : devices.disks) {
            resolveDisk(disk).ifPresent(d -> insertDisk(disks, d));
        }
        disks.stream().filter(ResolvedDisk::isVhostUser).findFirst()
                .ifPresent(d -> requireSharedMemory(d.xml(), "vhostuser", numaCells, memoryBacking));
        boolean anyDeviceBoot = disks.stream().anyMatch(d -> d.bootOrder().isPresent());
        List<ResolvedInterface> interfaces = new ArrayList<>();
        for (Interface nic : devices.interfaces) {
            refuseBackendType(nic);
            ResolvedInterface resolved = resolveInterface(nic);
            interfaces.add(resolved);
            anyDeviceBoot |= resolved.bootOrder().isPresent()
                    || resolved.hostdev().flatMap(h -> h.value("bootindex")).isPresent();
        }
        anyDeviceBoot |= devices.hostdevs.stream().anyMatch(h -> h.boot != null)
                || devices.redirdevs.stream().anyMatch(r -> r.boot != null);
        if (osBoot.isEmpty() && !anyDeviceBoot) {
            osBoot.add("hd");
        }

        List<ResolvedDevice> videos = new ArrayList<>();
        List<Video> videoOrder = new ArrayList<>();
        for (Video video : devices.videos) {
            String model = video.model != null ? Values.text(video.model.type).orElse("vga") : "vga";
            if (child(video, "driver").map(driver -> "vhostuser".equals(driver.getAttribute("name"))).orElse(false)) {
                invalid(video, "video driver 'vhostuser' is not supported by domxml: libvirt starts a vhost-user-gpu"
                        + " process of the host's for it");
            }
            // libvirt moves a primary='yes' video to the front as it reads it
            boolean primary = isPrimary(video);
            if (primary && !videoOrder.isEmpty() && isPrimary(videoOrder.get(0))) {
                invalid(video, "Only one primary video device is supported");
            }
            if (model.equals("ramfb") && video.address != null) {
                invalid(video.address, "address not supported for video type ramfb");
            }
            int at = primary ? 0 : videos.size();
            videoOrder.add(at, video);
            videos.add(at, new ResolvedDevice("video", model, Optional.empty(), at(video), pciAddressOf(video.address),
                    videoSettings(model, video.model, video.model != null ? video.model : video)));
        }
        if (videos.size() > 1 && videos.stream().anyMatch(v -> v.model().equals("none"))) {
            invalid(devices.videos.get(1), "a 'none' video type must be the only video device defined for the domain");
        }
        for (int i = 1; i < videos.size(); i++) {
            String model = videos.get(i).model();
            if (!model.equals("qxl") && !model.equals("virtio")) {
                invalid(videoOrder.get(i), "video type '" + model + "' is only valid as primary video device");
            }
        }
        List<ResolvedDevice> graphics = new ArrayList<>();
        for (Graphics g : devices.graphics) {
            if ("spice".equals(g.type) && Values.text(g.tlsPort).filter(port -> !port.equals("-1")).isPresent()) {
                // qemu.conf's spice_tls is off unless the host sets it up, and libvirt refuses a TLS port then
                invalid(g, "spice tlsPort needs spice_tls=1 and certificates in qemu.conf, which libvirt's default"
                        + " configuration does not have");
            }
            // egl-headless and spice or D-Bus OpenGL render on a DRM node; with none written libvirt picks the host's first
            Optional<Graphics.Gl> gl = Optional.ofNullable(g.gl);
            boolean needsRenderNode = "egl-headless".equals(g.type)
                    || ("spice".equals(g.type) || "dbus".equals(g.type)) && gl.flatMap(e -> Values.onOff(e.enable)).orElse(false);
            if (needsRenderNode && gl.flatMap(e -> Values.text(e.rendernode)).isEmpty()) {
                invalid(g, "OpenGL display without a <gl rendernode=...>: libvirt picks the host's first DRM render"
                        + " node (/dev/dri) when the guest starts, which domxml cannot; name the node");
            }
            graphics.add(new ResolvedDevice("graphics", Values.text(g.type).orElse(""), Optional.empty(), at(g),
                    Optional.empty()));
        }
        if (videos.isEmpty() && !graphics.isEmpty()) {
            // libvirt's default display adapter for x86 guests
            videos.add(new ResolvedDevice("video", "cirrus", Optional.empty(), Optional.empty(), Optional.empty(),
                    videoSettings("cirrus", null, null)));
        }
        videos.removeIf(video -> video.model().equals("none")); // written so that libvirt adds no display adapter
        List<ResolvedDevice> inputs = new ArrayList<>();
        for (Input input : devices.inputs) {
            String type = Values.text(input.type).orElse("");
            String bus = Values.text(input.bus).orElse(type.equals("tablet") ? "usb" : type.equals("evdev") ? "none" : "ps2");
            Map<String, String> values = new LinkedHashMap<>(usbAddressValues(input.address));
            if (input.source != null) {
                Values.text(input.source.evdev).ifPresent(evdev -> values.put("evdev", evdev));
            }
            if (type.equals("evdev")) {
                evdevSource(input, values);
            } else if (!Set.of("ps2", "usb", "virtio").contains(bus)) {
                invalid(input, "input bus '" + bus + "' is not supported by domxml for x86 guests (ps2, usb, virtio)");
            } else if (bus.equals("virtio") && !Set.of("tablet", "keyboard", "mouse", "passthrough").contains(type)) {
                invalid(input, "input type '" + type + "' cannot be on bus 'virtio'");
            } else if (Values.text(input.otherAttributes.get(new javax.xml.namespace.QName("model")))
                    .filter(m -> m.startsWith("virtio-") && m.endsWith("transitional")).isPresent()) {
                // QEMU 7.2 has no transitional variants of its virtio input devices
                invalid(input, "virtio (non-)transitional models are not supported for input type=" + type);
            } else if (type.equals("passthrough") && (!bus.equals("virtio") || !values.containsKey("evdev"))) {
                invalid(input, "a passthrough input needs bus='virtio' and a <source evdev=...>");
            }
            inputs.add(new ResolvedDevice("input", type, Optional.of(bus), at(input), pciAddressOf(input.address),
                    Map.of(), values).withVirtio(virtioOptionsOf(input.driver)));
        }
        if (!graphics.isEmpty()) {
            // libvirt gives every graphical x86 guest a PS/2 mouse and keyboard (built in, no -device).
            addImplicitInput(inputs, "mouse");
            addImplicitInput(inputs, "keyboard");
        }
        List<ResolvedDevice> serials = new ArrayList<>();
        for (CharDevice serial : devices.serials) {
            serials.add(new ResolvedDevice("serial", Values.text(serial.type).orElse("pty"), Optional.empty(),
                    at(serial), serialPciAddress(serial), Map.of(), serialValues(serial)));
        }
        if (serials.isEmpty()) {
            for (CharDevice console : devices.consoles) {
                String targetType = console.target != null ? Values.text(console.target.type).orElse("serial") : "serial";
                if (targetType.equals("serial")) {
                    serials.add(new ResolvedDevice("serial", Values.text(console.type).orElse("pty"),
                            Optional.empty(), at(console), Optional.empty(), Map.of(), serialValues(console)));
                    break;
                }
            }
        }
        boolean biosSerialOutput = domain.os != null && domain.os.bios != null
                && Values.onOff(domain.os.bios.useserial).orElse(false);
        if (serials.isEmpty() && biosSerialOutput) {
            invalid(domain.os.bios, "need at least one serial port to use BIOS serial output");
        }
        // the implicit balloon is reported at <devices>, where it would be written
        Optional<ResolvedDevice> balloon = Optional.of(new ResolvedDevice("memballoon", "virtio", Optional.empty(),
                at(devices), Optional.empty()));
        if (devices.memballoon != null) {
            String model = Values.text(devices.memballoon.model).orElse("virtio");
            balloon = model.equals("none") ? Optional.empty()
                    : Optional.of(new ResolvedDevice("memballoon", model, Optional.empty(), at(devices.memballoon),
                            pciAddressOf(devices.memballoon.address), Map.of(), balloonSwitches(devices.memballoon))
                            .withVirtio(virtioOptionsOf(devices.memballoon.driver)));
        }

        Display display = Displays.resolve(this, name, devices.graphics, devices.audios);
        List<ResolvedDevice> peripherals = new ArrayList<>(peripherals(devices, graphics, !serials.isEmpty()));
        devices.filesystems.stream().filter(fs -> fs.driver != null && "virtiofs".equals(fs.driver.type)).findFirst()
                .ifPresent(fs -> requireSharedMemory(fs, "virtiofs", numaCells, memoryBacking));
        peripherals.addAll(memoryModules.resolve(memoryHotplug, domain.maxMemory != null, numaCells.size()));
        Iommus.resolve(this, devices.iommu, family, acpi, domain.features).ifPresent(peripherals::add);
        if (domain.features != null && domain.features.vmcoreinfo != null
                && optionalOnOff(domain.features.vmcoreinfo, domain.features.vmcoreinfo.state, "vmcoreinfo state")
                        .orElse(true)) {
            peripherals.add(new ResolvedDevice("vmcoreinfo", "vmcoreinfo", Optional.empty(),
                    at(domain.features.vmcoreinfo), Optional.empty()));
        }
        addDefaultControllers(controllers, family, inputs);
        // a smartcard's CCID controller is added when it is not written
        if (peripherals.stream().anyMatch(p -> p.is("smartcard")) && controllers.stream()
                .noneMatch(c -> c.is("ccid") && c.index() == 0)) {
            controllers.add(ResolvedController.implicit("ccid", 0, ""));
        }
        // channels and virtio consoles sit on virtio-serial ports; libvirt adds each controller they name
        for (String kind : List.of("channel", "console")) {
            for (ResolvedDevice device : peripherals) {
                int index = device.is(kind) && !isGuestForward(device)
                        ? Integer.parseInt(device.value("controller").orElse("0")) : -1;
                if (index >= 0 && controllers.stream().noneMatch(c -> c.is("virtio-serial") && c.index() == index)) {
                    controllers.add(ResolvedController.implicit("virtio-serial", index, ""));
                }
            }
        }
        assignVirtioSerialPorts(peripherals, controllers);
        List<ResolvedDisk> addressed = new ArrayList<>();
        for (ResolvedDisk disk : disks) {
            addressed.add(assignDriveAddress(disk));
        }
        ScsiHostdevs.place(this, peripherals, addressed, List.copyOf(controllers));
        addressed.stream().filter(d -> d.driveAddress().map(a -> a.controller() > MAX_CONTROLLER_INDEX).orElse(false))
                .findFirst().ifPresent(d -> invalid(d.xml(), d.describe() + ": drive address controller '"
                        + d.driveAddress().get().controller() + "' is out of range (libvirt would have to add that many"
                        + " controllers; at most " + MAX_CONTROLLER_INDEX + ")"));
        peripherals.stream().filter(h -> ScsiHostdevs.isScsiHostdev(h) && h.value("drive.controller").isPresent())
                .filter(h -> ScsiHostdevs.addressOf(h).controller() > MAX_CONTROLLER_INDEX).findFirst()
                .ifPresent(h -> invalidAt(h.position(), "SCSI host device: drive address controller '"
                        + ScsiHostdevs.addressOf(h).controller() + "' is out of range (libvirt would have to add that"
                        + " many controllers; at most " + MAX_CONTROLLER_INDEX + ")"));
        if (findings.hasErrors()) {
            return Optional.empty();
        }
        for (ResolvedController c : controllers) {
            OptionalInt node = c.pciTarget().numaNode();
            if (node.isPresent() && node.getAsInt() >= numaCells.size()) {
                c.xml().ifPresent(x -> invalid(x, c.model() + " with index " + c.index() + " is configured for a NUMA node ("
                        + node.getAsInt() + ") not present in the domain's <cpu><numa> array (" + numaCells.size() + ")"));
            }
        }
        addDiskControllers(controllers, addressed);
        ScsiHostdevs.addControllers(peripherals, controllers);
        resolveControllerModels(controllers, family);
        ScsiHostdevs.checkTargets(this, peripherals, controllers);
        checkPciRoot(controllers, family);
        checkUsbControllers(controllers);
        PlatformSettings platform = PlatformSettings.resolve(this, domain, controllers);
        if (!findings.hasErrors()) {
            ScsiHostdevs.prepare(this, peripherals);
        }

        if (findings.all().size() > errorsBefore && findings.hasErrors()) {
            return Optional.empty();
        }
        return Optional.of(new ResolvedDomain(document.fileName(), document.positionOf(domain), name, Values.text(domain.uuid), generationId(domain),
                SystemInfos.resolve(this, domain, Values.text(domain.uuid)), domainType, arch,
                machineType, family, emulator, memoryKiB, memoryHotplug, vcpus, currentVcpus, topology, numaCells, memoryTuning, cpuModel, acpi,
                firmware.withSlicTable(platform.slicTable()).withKernel(kernelBoot(domain.os))
                        .withSerialOutput(biosSerialOutput), smm, tsegMiB,
                vmport, suspend(domain.pm == null ? null : domain.pm.suspendToMem, "suspend-to-mem"),
                suspend(domain.pm == null ? null : domain.pm.suspendToDisk, "suspend-to-disk"), memoryOptions(domain),
                memoryBacking, hmat,
                iothreads, List.copyOf(osBoot), bootMenu, bootMenuTimeout, bootMenuOff, List.copyOf(addressed),
                List.copyOf(controllers), List.copyOf(interfaces), List.copyOf(videos), List.copyOf(inputs),
                List.copyOf(serials), List.copyOf(graphics), display, clock.clock(), balloon, List.copyOf(peripherals),
                passthrough(domain), platform, acpiIndexes, hostCpu, clock.tscFrequency()));
    }

    /** {@code <maxMemory slots>}: libvirt plugs DIMMs into NUMA nodes only, and never shrinks memory to fit. */
    /** QEMU takes memory in whole MiB: libvirt rounds every size up and refuses one that then passes its limit. */
    private void checkAlignedSizes(Domain domain, long memoryKiB, List<ResolvedNumaCell> numaCells) {
        long initialKiB = 0;
        for (ResolvedNumaCell cell : numaCells) {
            long aligned = alignedToMiB(cell.memoryKiB());
            if (aligned > MAX_MEMORY_KIB) {
                invalidAt(cell.position(), "memory size of NUMA node '" + cell.id() + "' overflowed after alignment");
                return;
            }
            initialKiB += aligned;
        }
        if (numaCells.isEmpty()) {
            initialKiB = alignedToMiB(memoryKiB);
        }
        if (initialKiB > MAX_MEMORY_KIB) {
            invalid(domain.memory == null ? domain : domain.memory, "initial memory size overflowed after alignment");
        } else if (domain.maxMemory != null) {
            Values.kibibytes(domain.maxMemory.value, domain.maxMemory.unit)
                    .filter(max -> alignedToMiB(max) > MAX_MEMORY_KIB)
                    .ifPresent(max -> invalid(domain.maxMemory, "maximum memory size overflowed after alignment"));
        }
    }

    /** Sizes past 2^53 KiB stay past the limit rather than wrapping around when rounded. */
    private static long alignedToMiB(long kib) {
        return kib > MAX_MEMORY_KIB ? kib : (kib + 1023) / 1024 * 1024;
    }

    private Optional<MemoryHotplug> memoryHotplug(dev.domxml.binding.MaxMemory max, long memoryKiB, boolean numa) {
        if (max == null) {
            return Optional.empty();
        }
        Optional<Long> kib = Values.kibibytes(max.value, max.unit);
        if (kib.isEmpty()) {
            invalid(max, "invalid <maxMemory> '" + max.value + "'");
            return Optional.empty();
        }
        int slots = optionalUnsigned(max, max.slots, "maxMemory slots").orElse(0);
        if (!numa) {
            invalid(max, "At least one numa node has to be configured when enabling memory hotplug");
            return Optional.empty();
        }
        long aligned = (kib.get() + 1023) / 1024 * 1024;
        if (aligned < memoryKiB) {
            invalid(max, "maximum memory size must be equal or greater than the actual memory size");
            return Optional.empty();
        }
        return Optional.of(new MemoryHotplug(slots, aligned));
    }

    private Machine.MemoryOptions memoryOptions(Domain domain) {
        boolean dump = domain.memory != null && optionalOnOff(domain.memory, domain.memory.dumpCore, "dumpCore").orElse(false);
        boolean merge = domain.memoryBacking == null || domain.memoryBacking.nosharepages == null;
        boolean locked = domain.memoryBacking != null && domain.memoryBacking.locked != null;
        return new Machine.MemoryOptions(dump, merge, locked, dev.domxml.model.RamBacking.PLAIN);
    }

    private Optional<Boolean> suspend(dev.domxml.binding.PowerManagement.Suspend suspend, String what) {
        return suspend == null ? Optional.empty() : optionalOnOff(suspend, suspend.enabled, what + " enabled");
    }

    /** {@code <cpu><numa>}: cells numbered 0, 1, ... in order, each with its vCPUs (no vCPU in two) and memory. */
    private List<ResolvedNumaCell> resolveNuma(Domain domain, int vcpus) {
        if (domain.cpu == null || domain.cpu.numa == null) {
            return List.of();
        }
        List<dev.domxml.binding.NumaCell> written = domain.cpu.numa.cells;
        ResolvedNumaCell[] cells = new ResolvedNumaCell[written.size()];
        for (int i = 0; i < written.size(); i++) {
            dev.domxml.binding.NumaCell cell = written.get(i);
            long id = cell.id == null ? i : Values.unsigned(cell.id).orElse(-1L);
            if (id < 0 || id >= cells.length) {
                invalid(cell, "NUMA cell id '" + cell.id + "': with " + cells.length + " cells the ids are 0 to "
                        + (cells.length - 1) + ", one <cell> each");
                return List.of();
            }
            if (cells[(int) id] != null) {
                invalid(cell, "NUMA cell id " + id + " is written twice");
                return List.of();
            }
            Optional<List<Integer>> cpus = cell.cpus == null ? Optional.of(List.of()) : Values.bitmap(cell.cpus, MAX_VCPU_ID);
            if (cpus.isEmpty()) {
                invalid(cell, "NUMA cell " + id + ": cpus='" + cell.cpus + "' is not a list of vCPU ids and ranges");
                return List.of();
            }
            Optional<Long> memory = Values.kibibytes(cell.memory, cell.unit);
            if (cell.memory == null || memory.isEmpty()) {
                invalid(cell, "NUMA cell " + id + " needs a memory size (memory='" + cell.memory + "')");
                return List.of();
            }
            Optional<String> memAccess = Values.text(cell.memAccess);
            if (memAccess.isPresent() && !memAccess.get().equals("shared") && !memAccess.get().equals("private")) {
                invalid(cell, "Invalid value for attribute 'memAccess' in element 'cell': '" + memAccess.get() + "'.");
                return List.of();
            }
            Optional<Boolean> discard = Values.onOff(cell.discard);
            if (cell.discard != null && discard.isEmpty()) {
                invalid(cell, "Invalid value for attribute 'discard' in element 'cell': '" + cell.discard + "'.");
                return List.of();
            }
            cells[(int) id] = new ResolvedNumaCell((int) id, cpus.get(), memory.get(), List.of(), at(cell), memAccess,
                    discard);
        }
        for (int i = 0; i < cells.length; i++) {
            for (int j = 0; j < i; j++) {
                if (cells[j].cpus().stream().anyMatch(cells[i].cpus()::contains)) {
                    invalidAt(cells[i].position(), "NUMA cells " + i + " and " + j + " have overlapping vCPU ids");
                    return List.of();
                }
            }
            if (cells[i].cpus().stream().anyMatch(cpu -> cpu >= vcpus)) {
                invalidAt(cells[i].position(), "the vCPUs of NUMA cell " + i + " go past the <vcpu> count " + vcpus);
                return List.of();
            }
        }
        return numaDistances(written, cells) ? List.of(cells) : List.of();
    }

    /** {@code <genid>}: the id written, or one libvirt makes up for an empty element (random each time). */
    private Optional<String> generationId(Domain domain) {
        if (domain.genid == null) {
            return Optional.empty();
        }
        String written = domain.genid.trim();
        if (written.isEmpty()) {
            return Optional.of(java.util.UUID.randomUUID().toString());
        }
        if (!UUID_TEXT.matcher(written).matches()) {
            invalid(domain, "malformed genid element: '" + written + "' is not a UUID");
            return Optional.empty();
        }
        return Optional.of(written.toLowerCase(java.util.Locale.ROOT));
    }

    private static final Pattern UUID_TEXT = Pattern.compile(
            "\\p{XDigit}{8}-?\\p{XDigit}{4}-?\\p{XDigit}{4}-?\\p{XDigit}{4}-?\\p{XDigit}{12}");

    private static final int LOCAL_DISTANCE = 10;
    private static final int REMOTE_DISTANCE = 20;
    private static final int UNREACHABLE = 255;

    /**
     * {@code <distances>} as libvirt reads them, in the order the cells are written: a distance given one
     * way also stands for the way back unless that one is given too. When any differs from the defaults
     * (10 local, 20 remote), every cell gets its whole row, since QEMU then needs them all.
     */
    private boolean numaDistances(List<dev.domxml.binding.NumaCell> written, ResolvedNumaCell[] cells) {
        int count = cells.length;
        int[][] rows = new int[count][]; // a row stays null while no distance of its cell is known
        for (int i = 0; i < count; i++) {
            dev.domxml.binding.NumaCell cell = written.get(i);
            if (cell.distances == null) {
                continue;
            }
            int current = cell.id == null ? i : Values.unsigned(cell.id).orElseThrow().intValue();
            if (cell.distances.siblings.isEmpty()) {
                invalid(cell.distances, "NUMA distances defined without siblings");
                return false;
            }
            for (dev.domxml.binding.NumaSibling sibling : cell.distances.siblings) {
                Optional<Long> id = sibling.id == null ? Optional.empty() : Values.unsigned(sibling.id);
                Optional<Long> value = sibling.value == null ? Optional.empty() : Values.unsigned(sibling.value);
                if (id.isEmpty() || value.isEmpty()) {
                    invalid(sibling, "<sibling> needs a cell id and a distance value (id='" + sibling.id + "' value='"
                            + sibling.value + "')");
                    return false;
                }
                if (id.get() >= count) {
                    invalid(sibling, "'sibling_id " + id.get() + "' does not refer to a valid cell within NUMA 'cell id "
                            + current + "'");
                    return false;
                }
                int to = id.get().intValue();
                long distance = value.get();
                if (distance < LOCAL_DISTANCE || distance > UNREACHABLE || (to == current) != (distance == LOCAL_DISTANCE)) {
                    invalid(sibling, "'value " + distance + "' is invalid for 'sibling id " + to + "' under NUMA 'cell id "
                            + current + "'");
                    return false;
                }
                row(rows, current)[to] = (int) distance;
                if (row(rows, to)[current] == 0) {
                    rows[to][current] = (int) distance;
                }
            }
        }
        boolean anyOtherThanDefault = false;
        for (int[] row : rows) {
            for (int j = 0; row != null && j < count; j++) {
                anyOtherThanDefault |= row[j] != LOCAL_DISTANCE && row[j] != REMOTE_DISTANCE;
            }
        }
        if (anyOtherThanDefault) {
            for (int i = 0; i < count; i++) {
                List<Integer> row = new ArrayList<>();
                for (int j = 0; j < count; j++) {
                    row.add(rows[i] == null || rows[i][j] == 0 ? (i == j ? LOCAL_DISTANCE : REMOTE_DISTANCE) : rows[i][j]);
                }
                cells[i] = cells[i].withDistances(row);
            }
        }
        return true;
    }

    private static int[] row(int[][] rows, int cell) {
        if (rows[cell] == null) {
            rows[cell] = new int[rows.length];
            rows[cell][cell] = LOCAL_DISTANCE;
        }
        return rows[cell];
    }

    /**
     * {@code <lease>} is the lock manager's, not QEMU's: libvirt writes nothing for it (not even for two
     * alike), but still reads it strictly.
     */
    private void checkLease(Lease lease) {
        if (Values.text(lease.lockspace).isEmpty()) {
            // libvirt 9.0 fails here without saying why
            invalid(lease, "Missing 'lockspace' element for lease (libvirt 9.0 says: An error occurred, but the cause"
                    + " is unknown)");
        } else if (Values.text(lease.key).isEmpty()) {
            invalid(lease, "Missing 'key' element for lease");
        } else if (lease.target == null || Values.text(lease.target.path).isEmpty()) {
            invalid(lease, lease.target == null ? "Missing 'target' element for lease (libvirt 9.0 says: An error"
                    + " occurred, but the cause is unknown)" : "Missing 'path' attribute to 'target' element for lease");
        } else if (lease.target.offset != null && Values.unsigned(lease.target.offset).isEmpty()) {
            invalid(lease.target, "Invalid value for attribute 'offset' in element 'target': '" + lease.target.offset
                    + "'. Expected non-negative integer value");
        }
    }

    /**
     * Each device's {@code <acpi index>}, by where the device starts: the model builder adds it to the PCI
     * address the device gets ({@code "acpi-index"} after {@code "addr"}), or refuses it on any other bus.
     */
    private Map<SourcePosition, Integer> acpiIndexes(Devices devices) {
        Map<SourcePosition, Integer> out = new java.util.HashMap<>();
        java.util.function.BiConsumer<Object, DeviceAcpi> add = (device, acpi) -> acpiIndex(acpi)
                .ifPresent(index -> at(device).ifPresent(where -> out.put(where, index)));
        devices.disks.forEach(d -> add.accept(d, d.acpi));
        devices.controllers.forEach(c -> add.accept(c, c.acpi));
        // domxml-to-native rebuilds each NIC without it: checked, never written
        devices.interfaces.forEach(nic -> acpiIndex(nic.acpi));
        devices.filesystems.forEach(f -> add.accept(f, f.acpi));
        for (List<CharDevice> chars : List.of(devices.serials, devices.parallels, devices.channels, devices.consoles)) {
            chars.forEach(c -> add.accept(c, c.acpi));
        }
        devices.inputs.forEach(i -> add.accept(i, i.acpi));
        devices.videos.forEach(v -> add.accept(v, v.acpi));
        devices.sounds.forEach(s -> add.accept(s, s.acpi));
        devices.watchdogs.forEach(w -> add.accept(w, w.acpi));
        devices.hostdevs.forEach(h -> add.accept(h, h.acpi));
        devices.rngs.forEach(r -> add.accept(r, r.acpi));
        devices.panics.forEach(p -> add.accept(p, p.acpi));
        devices.shmems.forEach(s -> add.accept(s, s.acpi));
        devices.memories.forEach(m -> add.accept(m, m.acpi));
        if (devices.memballoon != null) {
            add.accept(devices.memballoon, devices.memballoon.acpi);
        }
        if (devices.vsock != null) {
            add.accept(devices.vsock, devices.vsock.acpi);
        }
        if (devices.iommu != null) {
            add.accept(devices.iommu, devices.iommu.acpi);
        }
        return out;
    }

    /** libvirt 9.0 takes any index from 1 up (QEMU's limit is not checked); {@code <acpi/>} alone is none. */
    private Optional<Integer> acpiIndex(DeviceAcpi acpi) {
        if (acpi == null || acpi.index == null) {
            return Optional.empty();
        }
        Optional<Long> index = Values.unsigned(acpi.index).filter(v -> v <= 0xffffffffL);
        if (index.isEmpty()) {
            invalid(acpi, "Invalid value for attribute 'index' in element 'acpi': '" + acpi.index
                    + "'. Expected non-negative integer value");
        } else if (index.get() == 0) {
            invalid(acpi, "Invalid value for attribute 'index' in element 'acpi': Zero is not permitted");
            return Optional.empty();
        }
        return index.map(Long::intValue);
    }

    /** Devices libvirt turns into QEMU arguments that domxml does not write yet. */
    private static final Set<String> UNWRITTEN_DEVICES = Set.of(
            "tpm", "nvram", "crypto");

    private static final int MAX_VCPU_ID = 4095;

    /** libvirt 9.0 knows no interface backend type (such as passt): any type='...' is an XML error. */
    private void refuseBackendType(Interface nic) {
        for (org.w3c.dom.Element element : nic.otherElements) {
            if (element.getNamespaceURI() == null && element.getLocalName().equals("backend") && element.hasAttribute("type")) {
                invalid(nic, "Invalid value for attribute 'type' in element 'backend': '" + element.getAttribute("type") + "'.");
            }
        }
    }

    /** Features of pSeries (POWER) and ARM virt machines, which libvirt refuses on a PC however they are set. */
    private static final Set<String> FOREIGN_FEATURES = Set.of("hpt", "htm", "nested-hv", "ccf-assist", "cfpc", "sbbc",
            "ibs", "gic");

    /** Every {@code <features>} child libvirt 9.0 knows (virDomainFeature); it refuses any other name. */
    private static final Set<String> KNOWN_FEATURES = Set.of("acpi", "apic", "pae", "hap", "viridian", "privnet", "hyperv",
            "kvm", "pvspinlock", "capabilities", "pmu", "vmport", "gic", "smm", "ioapic", "hpt", "vmcoreinfo", "htm",
            "nested-hv", "msrs", "ccf-assist", "xen", "cfpc", "sbbc", "ibs", "tcg");

    private void refuseOtherArchitecturesFeatures(Features features, String arch, String machineType) {
        if (features == null) {
            return;
        }
        for (org.w3c.dom.Element element : features.otherElements) {
            if (element.getNamespaceURI() == null && !KNOWN_FEATURES.contains(element.getLocalName())) {
                invalidAt(document.positionOfElement(element.getLocalName()).or(() -> at(features)),
                        "unexpected feature '" + element.getLocalName() + "'");
                return;
            }
        }
        for (org.w3c.dom.Element element : features.otherElements) {
            if (element.getNamespaceURI() == null && FOREIGN_FEATURES.contains(element.getLocalName())) {
                invalidAt(document.positionOfElement(element.getLocalName()).or(() -> at(features)), "The '"
                        + element.getLocalName() + "' feature is not supported for architecture '" + arch
                        + "' or machine type '" + machineType + "'");
                return;
            }
        }
    }

    /**
     * With {@code <vcpus>}, the vCPUs on the {@code -smp} line: those online and not hotpluggable. The
     * hotpluggable online ones libvirt adds as devices once QEMU runs; unlisted ones are offline.
     */
    private int vcpusAtStart(VcpuStates states, int maxVcpus) {
        int atStart = 0;
        Set<Integer> seen = new HashSet<>();
        Set<Boolean> ordered = new HashSet<>();
        for (VcpuStates.State state : states.vcpus) {
            Optional<Long> number = Values.unsigned(state.id);
            if (number.isEmpty()) {
                invalid(state, "invalid vcpu id '" + state.id + "'");
                continue;
            }
            OptionalInt id = OptionalInt.of((int) Math.min(number.get(), Integer.MAX_VALUE));
            if (id.getAsInt() >= maxVcpus) {
                invalid(state, "vcpu id '" + id.getAsInt() + "' is out of range of maximum vcpu count");
                continue;
            }
            if (!seen.add(id.getAsInt())) {
                invalid(state, "duplicate vcpu id '" + id.getAsInt() + "'");
            }
            boolean online = optionalYesNo(state, state.enabled, "vcpu enabled").orElse(false);
            // an online vCPU is part of the machine unless said otherwise; an offline one can only be plugged
            boolean hotpluggable = optionalYesNo(state, state.hotpluggable, "vcpu hotpluggable").orElse(!online);
            if (id.getAsInt() == 0 && hotpluggable) {
                invalid(state, "vcpu0 can't be hotpluggable");
            } else if (!online && !hotpluggable) {
                invalid(state, "vcpu '" + id.getAsInt() + "' is both offline and not hotpluggable");
            }
            if (online) {
                ordered.add(state.order != null);
            }
            if (online && !hotpluggable) {
                atStart++;
            }
        }
        if (ordered.size() > 1) {
            invalid(states, "all vcpus must have either set or unset order");
        }
        return Math.max(atStart, 1);
    }

    /**
     * A virtiofs share: QEMU's vhost-user-fs device talks to a virtiofsd on a socket, the user's ({@code <source
     * socket>}) or the one libvirt would start in the domain's directory for {@code <source dir>}. libvirt
     * refuses what only 9p does (and, for a daemon of its own, what virtiofsd cannot do).
     */
    private ResolvedDevice virtiofs(Filesystem fs, Optional<String> dir, Optional<String> target) {
        Optional<String> socket = fs.source == null ? Optional.empty() : Values.text(fs.source.socket);
        if (target.isEmpty()) {
            invalid(fs, "filesystem has no <target dir=...>");
        } else if (socket.isEmpty() && dir.isEmpty()) {
            invalid(fs, "missing source information for filesystem '" + target.get() + "'");
        }
        String accessmode = Values.text(fs.accessmode).orElse("passthrough");
        boolean creationModes = Values.text(fs.fmode).isPresent() || Values.text(fs.dmode).isPresent();
        if (creationModes && !accessmode.equals("mapped")) {
            invalid(fs, "fmode and dmode must be used with accessmode=mapped");
        } else if (socket.isEmpty() && fs.readonly != null) {
            invalid(fs, "virtiofs does not yet support read-only mode");
        } else if (socket.isEmpty() && !accessmode.equals("passthrough")) {
            invalid(fs, "virtiofs only supports passthrough accessmode");
        } else if (socket.isEmpty() && Values.text(fs.driver.wrpolicy).isPresent()) {
            invalid(fs, "virtiofs does not support wrpolicy");
        } else if (Values.text(fs.model).isPresent()) {
            invalid(fs, "virtiofs does not support model");
        } else if (Values.text(fs.driver.format).isPresent()) {
            invalid(fs, "virtiofs does not support format");
        } else if (Values.text(fs.multidevs).filter(m -> !m.equals("default")).isPresent()) {
            invalid(fs, "virtiofs does not support multidevs");
        } else if (creationModes) {
            invalid(fs, "virtiofs does not support fmode and dmode");
        }
        if (child(fs, "boot").isPresent()) {
            invalid(fs, "a virtiofs share's <boot order> is not supported by domxml");
        }
        Map<String, String> values = new LinkedHashMap<>();
        socket.ifPresent(path -> values.put("socket", path));
        target.ifPresent(tag -> values.put("target", tag));
        Map<String, Long> settings = new LinkedHashMap<>();
        if (fs.driver.queue != null) {
            optionalUnsigned(fs.driver, fs.driver.queue, "virtiofs queue size").ifPresent(q -> settings.put("queue", (long) q));
        }
        return new ResolvedDevice("filesystem", "virtiofs", Optional.empty(), at(fs), pciAddressOf(fs.address), settings,
                values).withVirtio(virtioOptionsOf(fs.driver));
    }

    /** {@code <os><kernel>}, {@code <initrd>}, {@code <cmdline>}, {@code <dtb>}: written as they are. */
    private static Firmware.KernelBoot kernelBoot(dev.domxml.binding.Os os) {
        if (os == null) {
            return Firmware.KernelBoot.NONE;
        }
        return new Firmware.KernelBoot(Values.text(os.kernel), Values.text(os.initrd),
                Optional.ofNullable(os.cmdline).filter(c -> !c.isEmpty()), Values.text(os.dtb));
    }

    /** A 9p share's mode for the files or directories the guest creates: octal, at most 0777, as libvirt reads it. */
    private Optional<String> creationMode(Filesystem fs, String attribute, String text) {
        Optional<String> given = Values.text(text);
        if (given.isEmpty()) {
            return Optional.empty();
        }
        int mode;
        try {
            mode = Integer.parseInt(given.get(), 8);
        } catch (NumberFormatException e) {
            mode = -1;
        }
        if (mode < 0 || mode > 0777) {
            invalid(fs, "invalid " + attribute + ": '" + given.get() + "'");
            return Optional.empty();
        }
        return mode == 0 ? Optional.empty() : Optional.of(String.format("%04o", mode));
    }

    /**
     * The devices beside disks, NICs and displays that take a PCI slot, a USB port or a virtio-serial
     * port, in libvirt's terms; kinds domxml does not write yet are refused, not dropped.
     */
    private List<ResolvedDevice> peripherals(Devices devices, List<ResolvedDevice> graphics, boolean hasSerial) {
        List<ResolvedDevice> out = new ArrayList<>();
        boolean spice = graphics.stream().anyMatch(g -> g.model().equals("spice"));
        for (Filesystem fs : devices.filesystems) {
            String type = Values.text(fs.type).orElse("mount");
            String driver = fs.driver != null ? Values.text(fs.driver.type).orElse("path") : "path";
            Optional<String> source = fs.source != null ? Values.text(fs.source.dir) : Optional.empty();
            Optional<String> target = fs.target != null ? Values.text(fs.target.dir) : Optional.empty();
            if (type.equals("mount") && driver.equals("virtiofs")) {
                out.add(virtiofs(fs, source, target));
                continue;
            }
            if (!type.equals("mount") || !Set.of("path", "handle").contains(driver)) {
                invalid(fs, "filesystem type '" + type + "' with driver '" + driver + "' is not supported by domxml"
                        + " (it writes type='mount' shared over virtio-9p, driver 'path' or 'handle', or virtiofs)");
            } else if (target.isEmpty()) {
                invalid(fs, "filesystem has no <target dir=...>");
            } else if (source.isEmpty()) {
                invalid(fs, "missing source information for filesystem '" + target.get() + "'");
            }
            Map<String, String> values = new LinkedHashMap<>();
            source.ifPresent(dir -> values.put("source", dir));
            target.ifPresent(dir -> values.put("target", dir));
            values.put("accessmode", Values.text(fs.accessmode).orElse("passthrough"));
            Values.text(fs.multidevs).filter(m -> !m.equals("default")).ifPresent(m -> values.put("multidevs", m));
            creationMode(fs, "fmode", fs.fmode).ifPresent(mode -> values.put("fmode", mode));
            creationMode(fs, "dmode", fs.dmode).ifPresent(mode -> values.put("dmode", mode));
            if ((values.containsKey("fmode") || values.containsKey("dmode")) && !values.get("accessmode").equals("mapped")) {
                invalid(fs, "fmode and dmode must be used with accessmode=mapped");
            }
            if (fs.driver != null) {
                Values.text(fs.driver.wrpolicy).ifPresent(w -> values.put("wrpolicy", w));
            }
            if (fs.readonly != null) {
                values.put("readonly", "yes");
            }
            out.add(new ResolvedDevice("filesystem", driver, Optional.empty(), at(fs), pciAddressOf(fs.address),
                    Map.of(), values).withVirtio(virtioOptionsOf(fs.driver)));
        }
        for (Sound sound : devices.sounds) {
            String model = Values.text(sound.model).orElse("");
            if (!Set.of("ich6", "ich9", "ac97", "es1370", "sb16", "usb", "pcspk").contains(model)) {
                invalid(sound, "sound model '" + model + "' is not supported by domxml (ich6, ich9, ac97, es1370,"
                        + " sb16, usb, pcspk)");
            }
            List<String> codecs = sound.codecs.stream().map(c -> Values.text(c.type).orElse("duplex")).toList();
            Map<String, String> values = new LinkedHashMap<>(usbAddressValues(sound.address));
            values.put("codecs", String.join(",", codecs));
            child(sound, "audio").map(e -> e.getAttribute("id")).filter(id -> !id.isEmpty())
                    .ifPresent(id -> values.put("audio", id));
            out.add(new ResolvedDevice("sound", model, Optional.empty(), at(sound), pciAddressOf(sound.address),
                    Map.of(), values));
        }
        for (CharDevice parallel : devices.parallels) {
            out.add(new ResolvedDevice("parallel", Values.text(parallel.type).orElse("pty"), Optional.empty(),
                    at(parallel), Optional.empty(), Map.of(), sourceValues(parallel)));
        }
        for (CharDevice channel : devices.channels) {
            out.add(charDevice("channel", channel, spice));
        }
        int consoleIndex = 0;
        for (CharDevice console : devices.consoles) {
            String target = console.target != null ? Values.text(console.target.type).orElse("serial") : "serial";
            if (consoleIndex == 0 && !target.equals("serial") && hasSerial) {
                consoleIndex = 1; // libvirt puts a copy of the first serial port in front as console0
            }
            if (target.equals("virtio")) {
                ResolvedDevice resolved = charDevice("console", console, spice);
                Map<String, String> values = new LinkedHashMap<>(resolved.values());
                values.put("index", String.valueOf(consoleIndex));
                out.add(new ResolvedDevice("console", resolved.model(), Optional.empty(), resolved.position(),
                        Optional.empty(), Map.of(), values));
            } else if (!target.equals("serial")) {
                invalid(console, "console target type '" + target + "' is not supported by domxml (serial, virtio)");
            }
            consoleIndex++;
        }
        Optional<Watchdog> firstWatchdog = devices.watchdogs.stream().findFirst();
        for (Watchdog watchdog : devices.watchdogs) {
            String model = Values.text(watchdog.model).orElse("");
            if (watchdog != firstWatchdog.get()) {
                invalid(watchdog, "only a single watchdog device is supported");
            } else if (!Set.of("i6300esb", "ib700").contains(model)) {
                invalid(watchdog, "watchdog model '" + model + "' is not supported by domxml (i6300esb, ib700)");
            }
            String action = Values.text(watchdog.action).orElse("reset");
            if (!Set.of("reset", "shutdown", "poweroff", "pause", "dump", "none", "inject-nmi").contains(action)) {
                invalid(watchdog, "unknown watchdog action '" + action + "'");
            }
            out.add(new ResolvedDevice("watchdog", model, Optional.empty(), at(watchdog), pciAddressOf(watchdog.address),
                    Map.of(), Map.of("action", action.equals("dump") ? "pause" : action)));
        }
        for (Hub hub : devices.hubs) {
            if (!Values.text(hub.type).orElse("").equals("usb")) {
                invalid(hub, "hub type '" + hub.type + "' is not supported (usb)");
            }
            out.add(new ResolvedDevice("hub", "usb", Optional.of("usb"), at(hub), Optional.empty(), Map.of(),
                    usbAddressValues(hub.address)));
        }
        out.addAll(interfaceHostdevs);
        out.addAll(hostDevices.resolve(devices.hostdevs, !graphics.isEmpty()));
        out.addAll(Smartcards.resolve(this, devices.smartcards, spice));
        out.addAll(Redirdevs.resolve(this, devices.redirdevs, devices.redirfilter, spice));
        for (Rng rng : devices.rngs) {
            out.add(rng(rng));
        }
        for (Panic panic : devices.panics) {
            String model = Values.text(panic.model).orElse("isa");
            if (!Set.of("isa", "hyperv").contains(model)) {
                invalid(panic, "unknown panic model '" + model + "' for x86 guests (isa, hyperv)");
            }
            Map<String, String> values = new LinkedHashMap<>();
            if (panic.address != null && "isa".equals(panic.address.type) && panic.address.iobase != null) {
                optionalUnsigned(panic.address, panic.address.iobase, "iobase")
                        .ifPresent(port -> values.put("ioport", String.valueOf(port)));
            }
            out.add(new ResolvedDevice("panic", model, Optional.empty(), at(panic), Optional.empty(), Map.of(), values));
        }
        for (Shmem shmem : devices.shmems) {
            out.add(shmem(shmem));
        }
        if (devices.vsock != null) {
            Vsock vsock = devices.vsock;
            boolean auto = vsock.cid == null || Values.onOff(vsock.cid.auto).orElse(false) || vsock.cid.address == null;
            String cid = auto ? "0" : String.valueOf(optionalUnsigned(vsock.cid, vsock.cid.address, "vsock cid").orElse(0));
            out.add(new ResolvedDevice("vsock", Values.text(vsock.model).orElse("virtio"), Optional.empty(), at(vsock),
                    pciAddressOf(vsock.address), Map.of(), Map.of("cid", cid)).withVirtio(virtioOptionsOf(vsock.driver)));
        }
        return List.copyOf(out);
    }

    /** A channel or virtio console: its backend type and, on a virtio-serial port, the port's name and place. */
    private ResolvedDevice charDevice(String kind, CharDevice device, boolean spice) {
        String type = Values.text(device.type).orElse("pty");
        String target = device.target != null ? Values.text(device.target.type).orElse("virtio") : "virtio";
        Map<String, String> values = new LinkedHashMap<>();
        if (kind.equals("channel") && target.equals("guestfwd")) {
            values.putAll(sourceValues(device));
            values.putAll(guestForward(device.target));
            if (device.address != null && "virtio-serial".equals(Values.text(device.address.type).orElse(""))) {
                // libvirt keeps a written virtio-serial address: the port is taken, though no device uses it
                values.put("fwd-controller", String.valueOf(optionalUnsigned(device.address,
                        device.address.controller, "virtio-serial controller").orElse(0)));
                optionalUnsigned(device.address, device.address.port, "virtio-serial port")
                        .ifPresent(port -> values.put("fwd-port", String.valueOf(port)));
            }
            return new ResolvedDevice(kind, type, Optional.empty(), at(device), Optional.empty(), Map.of(), values);
        }
        if (!target.equals("virtio")) {
            invalid(device, kind + " target type '" + target + "' is not supported by domxml (virtio, guestfwd)");
        }
        if (type.equals("spicevmc") && !spice) {
            invalid(device, "chardev 'spicevmc' needs <graphics type='spice'>");
        }
        if (device.target != null) {
            Values.text(device.target.name).ifPresent(n -> values.put("name", n));
        }
        if (kind.equals("channel") && type.equals("spicevmc")) {
            values.putIfAbsent("name", "com.redhat.spice.0"); // the agent's port, which libvirt names when the XML does not
        }
        values.putAll(sourceValues(device, kind.equals("channel")));
        if (kind.equals("channel") && type.equals("unix") && values.containsKey("path") && values.containsKey("name")
                && isGeneratedChannelPath(values.get("path"), values.get("name"))) {
            // a path libvirt once generated is dropped and generated again (qemuDomainChrDefDropDefaultPath)
            values.remove("path");
            if (values.containsKey("reconnect") && !values.get("reconnect").equals("0")) {
                invalid(device, "chardev reconnect is possible only for connect mode");
            }
        }
        if (device.address != null && "virtio-serial".equals(Values.text(device.address.type).orElse(""))) {
            values.put("controller", String.valueOf(optionalUnsigned(device.address, device.address.controller,
                    "virtio-serial controller").orElse(0)));
            optionalUnsigned(device.address, device.address.port, "virtio-serial port")
                    .ifPresent(port -> values.put("port", String.valueOf(port)));
        }
        return new ResolvedDevice(kind, type, Optional.empty(), at(device), Optional.empty(), Map.of(), values);
    }

    /**
     * Where a guestfwd channel takes the guest's connections: the IPv4 address and port of the user network's
     * {@code guestfwd} rule.
     */
    private Map<String, String> guestForward(CharTarget target) {
        Optional<String> address = Values.text(target.address);
        Optional<String> port = Values.text(target.port);
        if (address.isEmpty()) {
            invalid(target, "guestfwd channel does not define a target address");
        } else if (port.isEmpty()) {
            invalid(target, "Missing required attribute 'port' in element 'target'");
        } else if (address.get().contains(":")) {
            invalid(target, "guestfwd channel only supports IPv4 addresses");
        } else if (!address.get().matches("(\\d{1,3})(\\.\\d{1,3}){3}")) {
            invalid(target, "guestfwd target address '" + address.get() + "' is not an IPv4 address (libvirt would"
                    + " resolve a host name; domxml does not)");
        } else {
            return Map.of("target", "guestfwd", "forward-address", address.get(), "forward-port", port.get());
        }
        return Map.of();
    }

    /**
     * Whether a channel's socket path is one libvirt generated: in its channel directory with a dot in the file
     * name, or (its regular expression's alternation reaching that far) ending in domain-NAME/TARGET anywhere.
     */
    private static boolean isGeneratedChannelPath(String path, String target) {
        return path.matches("^" + java.util.regex.Pattern.quote(LibvirtPaths.CHANNEL_TARGET_DIR) + "/[^/]+\\..*")
                || path.matches(".*domain-[^/]+/" + java.util.regex.Pattern.quote(target) + "$");
    }

    /**
     * Each channel's virtio-serial controller and port, as libvirt assigns them: written ports first, then
     * consoles (whose port is taken but not written on the command line), then channels.
     */
    private void assignVirtioSerialPorts(List<ResolvedDevice> peripherals, List<ResolvedController> controllers) {
        VirtioSerialPorts ports = new VirtioSerialPorts();
        for (ResolvedController c : controllers) {
            if (c.is("virtio-serial")) {
                ports.addController(c.index(), c.ports().orElse(VirtioSerialPorts.DEFAULT_PORTS));
            }
        }
        ResolvedDevice current = null;
        try {
            for (ResolvedDevice device : peripherals) {
                current = device;
                if ((device.is("channel") || device.is("console")) && isWrittenPort(device)) {
                    ports.reserve(new VirtioSerialPorts.Port(Integer.parseInt(device.value("controller").orElse("0")),
                            Integer.parseInt(device.value("port").orElseThrow())));
                }
                Optional<Integer> fwdController = device.value("fwd-controller").map(Integer::parseInt);
                int fwdPort = Integer.parseInt(device.value("fwd-port").orElse("0"));
                if (fwdController.isPresent() && fwdPort > 0) {
                    ports.reserve(new VirtioSerialPorts.Port(fwdController.get(), fwdPort));
                } else if (fwdController.isPresent() && controllers.stream()
                        .noneMatch(c -> c.is("virtio-serial") && c.index() == fwdController.get())) {
                    invalidAt(device.position(), "virtio serial controller " + fwdController.get() + " is missing");
                }
            }
            for (ResolvedDevice device : peripherals) {
                current = device;
                if (device.is("console") && !isWrittenPort(device)) {
                    ports.next(true);
                }
            }
            for (int i = 0; i < peripherals.size(); i++) {
                ResolvedDevice device = peripherals.get(i);
                current = device;
                if (device.is("channel") && !isWrittenPort(device) && !isGuestForward(device)) {
                    VirtioSerialPorts.Port port = device.value("controller").isPresent()
                            ? ports.nextOn(Integer.parseInt(device.value("controller").get())) : ports.next(false);
                    Map<String, String> values = new LinkedHashMap<>(device.values());
                    values.put("controller", String.valueOf(port.controller()));
                    values.put("port", String.valueOf(port.port()));
                    peripherals.set(i, new ResolvedDevice(device.kind(), device.model(), device.bus(), device.position(),
                            device.pciAddress(), device.settings(), values, device.virtio()));
                }
            }
        } catch (VirtioSerialPorts.Refused refused) {
            invalidAt(current.position(), refused.getMessage());
        }
        for (int index : ports.addedControllers()) {
            controllers.add(ResolvedController.implicit("virtio-serial", index, ""));
        }
    }

    /** A channel the user network forwards to (guestfwd), which takes no virtio-serial port. */
    static boolean isGuestForward(ResolvedDevice channel) {
        return channel.value("target").filter("guestfwd"::equals).isPresent();
    }

    private static boolean isWrittenPort(ResolvedDevice device) {
        return device.value("port").map(port -> !port.equals("0")).orElse(false);
    }

    /**
     * A serial port: its backend, and its target, an ISA serial port (the default) or QEMU's ISA debug
     * console, at the I/O base (and IRQ) an {@code <address type='isa'>} gives.
     */
    private Map<String, String> serialValues(CharDevice serial) {
        Map<String, String> values = new LinkedHashMap<>(sourceValues(serial));
        String target = serial.target != null ? Values.text(serial.target.type).orElse("isa-serial") : "isa-serial";
        if (target.equals("serial")) {
            target = "isa-serial"; // a <console> standing for the first serial port
        }
        if (!Set.of("isa-serial", "isa-debug", "pci-serial").contains(target)) {
            invalid(serial, "serial target type '" + target + "' is not supported by domxml yet (isa-serial, isa-debug,"
                    + " pci-serial)");
        }
        values.put("target", target);
        if (serial.target != null) {
            optionalUnsigned(serial.target, serial.target.port, "serial port").ifPresent(p -> values.put("port", String.valueOf(p)));
        }
        if (addressType(serial.address).filter("isa"::equals).isPresent()) {
            optionalUnsigned(serial.address, serial.address.iobase, "ISA iobase")
                    .ifPresent(v -> values.put("iobase", String.valueOf(v)));
            optionalUnsigned(serial.address, serial.address.irq, "ISA irq").ifPresent(v -> values.put("irq", String.valueOf(v)));
        }
        return values;
    }

    /** The PCI address of a pci-serial port (an ISA port's address is its I/O base, in its values). */
    private Optional<XmlPciAddress> serialPciAddress(CharDevice serial) {
        boolean pci = serial.target != null && "pci-serial".equals(Values.text(serial.target.type).orElse(""));
        return pci ? pciAddressOf(serial.address) : Optional.empty();
    }

    private Map<String, String> balloonSwitches(MemBalloon balloon) {
        Map<String, String> values = new LinkedHashMap<>();
        optionalOnOff(balloon, balloon.autodeflate, "autodeflate").ifPresent(on -> values.put("deflate-on-oom", "" + on));
        optionalOnOff(balloon, balloon.freePageReporting, "freePageReporting")
                .ifPresent(on -> values.put("free-page-reporting", "" + on));
        return values;
    }

    /** The character device backends domxml writes, by libvirt's type name. */
    static final Set<String> CHARDEV_TYPES = Set.of("pty", "null", "vc", "stdio", "file", "pipe", "dev", "unix", "tcp",
            "udp", "spicevmc", "qemu-vdagent", "dbus");
    /** The characters libvirt allows in a dbus character device's channel name. */
    private static final Pattern DBUS_CHANNEL = Pattern.compile("[A-Za-z0-9._-]*");
    /** The channel a redirected USB device over D-Bus uses when the XML names none. */
    private static final String DBUS_USBREDIR_CHANNEL = "org.qemu.usbredir";

    /**
     * A character device's source as the chardev needs it: a file's path and append switch; a socket's path or
     * host and port, whether QEMU listens ({@code mode='bind'}), telnet, reconnect. Types domxml does not write
     * are refused here, once for every kind of device that has a backend.
     */
    Map<String, String> sourceValues(CharDevice device) {
        return sourceValues(device, false);
    }

    /** ... where {@code pathGenerated} says that a unix socket without a path gets one from libvirt (a virtio channel). */
    private Map<String, String> sourceValues(CharDevice device, boolean pathGenerated) {
        Map<String, String> values = new LinkedHashMap<>();
        String type = Values.text(device.type).orElse("pty");
        if (!CHARDEV_TYPES.contains(type)) {
            invalid(device, "character device type '" + type + "' is not supported by domxml ("
                    + String.join(", ", new java.util.TreeSet<>(CHARDEV_TYPES)) + ")");
            return values;
        }
        if (device.log != null) {
            Values.text(device.log.file).ifPresent(file -> values.put("logfile", file));
            optionalOnOff(device.log, device.log.append, "log append").ifPresent(on -> values.put("logappend", on ? "on" : "off"));
        }
        if (device.sources.size() > 1 && !type.equals("udp")) {
            invalid(device.sources.get(1), "only one source element is allowed for character device");
        } else if (device.sources.size() > 2) {
            invalid(device.sources.get(2), "only two source elements are allowed for character device");
        }
        for (Endpoint written : device.sources) {
            Values.text(written.mode).filter(m -> !m.equals("bind") && !m.equals("connect")).ifPresent(m -> invalid(written,
                    "Invalid value for attribute 'mode' in element 'source': '" + m + "'."));
        }
        if (type.equals("udp")) {
            values.putAll(udpValues(device));
            return values;
        }
        Endpoint source = device.source();
        if (type.equals("qemu-vdagent")) {
            values.putAll(vdagentValues(source));
            return values;
        }
        if (source != null) {
            Values.text(source.path).ifPresent(p -> values.put("path", p));
            optionalOnOff(source, source.append, "append")
                    .ifPresent(on -> values.put("append", on ? "on" : "off"));
            if ("bind".equals(Values.text(source.mode).orElse("connect"))) {
                values.put("listen", "on");
            }
            if (source.reconnect != null) {
                Optional<Boolean> enabled = Values.onOff(source.reconnect.enabled);
                if (enabled.orElse(false) && (values.containsKey("listen") || type.equals("unix") && !values.containsKey("path"))) {
                    invalid(source.reconnect, "chardev reconnect is possible only for connect mode");
                } else if (enabled.orElse(false) && Values.unsigned(source.reconnect.timeout).filter(t -> t == 0).isPresent()) {
                    invalid(source.reconnect, "chardev reconnect source timeout cannot be '0'");
                } else if (enabled.orElse(false)) {
                    values.put("reconnect", String.valueOf(optionalUnsigned(source.reconnect, source.reconnect.timeout,
                            "reconnect timeout").orElse(0)));
                } else if (enabled.isPresent()) {
                    values.put("reconnect", "0");
                }
            }
            if (type.equals("tcp") && Values.onOff(source.tls).orElse(false)) {
                values.put("tls", "on");
            }
            if (type.equals("dbus") && source.channel != null) {
                values.put("channel", source.channel);
            }
        }
        switch (type) {
            case "file", "pipe", "dev", "unix" -> {
                if (!values.containsKey("path") && !(type.equals("unix") && pathGenerated)) {
                    invalid(device, "Missing source path attribute for char device");
                }
            }
            case "tcp" -> {
                Optional<String> host = source == null ? Optional.empty() : Values.text(source.host);
                Optional<String> service = source == null ? Optional.empty() : Values.text(source.service);
                if (service.isEmpty()) {
                    invalid(device, "Missing source service attribute for char device");
                }
                values.put("host", host.orElse(""));
                values.put("service", service.orElse(""));
                if (device.protocol != null && "telnet".equals(Values.text(device.protocol.type).orElse("raw"))) {
                    values.put("telnet", "on");
                }
            }
            case "dbus" -> {
                if (device instanceof Redirdev) {
                    values.putIfAbsent("channel", DBUS_USBREDIR_CHANNEL);
                }
                if (!values.containsKey("channel")) {
                    invalid(device, "Missing source channel attribute for char device");
                } else if (!DBUS_CHANNEL.matcher(values.get("channel")).matches()) {
                    invalid(device, "Invalid character in source channel for char device");
                }
            }
            default -> { }
        }
        return values;
    }

    /**
     * A UDP device's two ends: the first {@code <source>} of each mode that names a host or service is the one
     * libvirt takes (connect: where datagrams go, which needs a service; bind: the local address and port).
     */
    private Map<String, String> udpValues(CharDevice device) {
        Endpoint connect = null;
        Endpoint bind = null;
        for (Endpoint source : device.sources) {
            boolean named = source.host != null || source.service != null;
            if ("bind".equals(source.mode)) {
                bind = bind == null && named ? source : bind;
            } else {
                connect = connect == null && named ? source : connect;
            }
        }
        Map<String, String> values = new LinkedHashMap<>();
        if (connect == null || connect.service == null) {
            invalid(device, "Missing source service attribute for char device");
            return values;
        }
        values.put("host", Objects.requireNonNullElse(connect.host, ""));
        values.put("service", connect.service);
        values.put("localaddr", bind == null || bind.host == null ? "" : bind.host);
        values.put("localport", bind == null || bind.service == null ? "0" : bind.service);
        return values;
    }

    /** A qemu-vdagent channel's clipboard sharing and client mouse mode, when written. */
    private Map<String, String> vdagentValues(Endpoint source) {
        Map<String, String> values = new LinkedHashMap<>();
        if (source == null) {
            return values;
        }
        if (source.clipboard != null) {
            optionalOnOff(source.clipboard, source.clipboard.copypaste, "clipboard copypaste")
                    .ifPresent(on -> values.put("clipboard", on ? "on" : "off"));
        }
        if (source.mouse != null) {
            Values.text(source.mouse.mode).ifPresent(mode -> {
                if (mode.equals("client") || mode.equals("server")) {
                    values.put("mouse", mode.equals("client") ? "on" : "off");
                } else {
                    invalid(source.mouse, "Invalid value for attribute 'mode' in element 'mouse': '" + mode + "'.");
                }
            });
        }
        return values;
    }

    private ResolvedDevice rng(Rng rng) {
        String model = Values.text(rng.model).orElse("");
        if (!model.equals("virtio")) {
            invalid(rng, "rng model '" + model + "' is not supported (virtio)");
        }
        Map<String, String> values = new LinkedHashMap<>();
        String backend = rng.backend != null ? Values.text(rng.backend.model).orElse("") : "";
        values.put("backend", backend);
        switch (backend) {
            case "random" -> values.put("path", rng.backend.text().isEmpty() ? "/dev/random" : rng.backend.text());
            case "builtin" -> { }
            case "egd" -> {
                // its chardev is any character device, written as a serial port's would be
                CharDevice chardev = egdChardev(rng.backend);
                values.put("chardev-type", Values.text(chardev.type).orElse("pty"));
                values.putAll(sourceValues(chardev));
            }
            default -> invalid(rng, "rng backend '" + backend + "' is not supported (random, builtin, egd)");
        }
        if (rng.rate != null) {
            optionalUnsigned(rng.rate, rng.rate.bytes, "rng rate bytes").ifPresent(b -> values.put("bytes", String.valueOf(b)));
            values.put("period", String.valueOf(optionalUnsigned(rng.rate, rng.rate.period, "rng rate period").orElse(1000)));
        }
        return new ResolvedDevice("rng", model, Optional.empty(), at(rng), pciAddressOf(rng.address), Map.of(), values)
                .withVirtio(virtioOptionsOf(rng.driver));
    }

    /** An egd rng backend as the character device it describes: its type, {@code <source>}s and protocol. */
    private static CharDevice egdChardev(RngBackend backend) {
        CharDevice device = new CharDevice();
        device.type = backend.type;
        for (Object child : backend.content) {
            if (child instanceof Element e && "source".equals(e.getLocalName())) {
                Endpoint source = new Endpoint();
                source.mode = attribute(e, "mode");
                source.host = attribute(e, "host");
                source.service = attribute(e, "service");
                source.path = attribute(e, "path");
                source.append = attribute(e, "append");
                source.tls = attribute(e, "tls");
                org.w3c.dom.NodeList reconnect = e.getElementsByTagName("reconnect");
                if (reconnect.getLength() > 0) {
                    source.reconnect = new Endpoint.Reconnect();
                    source.reconnect.enabled = attribute((Element) reconnect.item(0), "enabled");
                    source.reconnect.timeout = attribute((Element) reconnect.item(0), "timeout");
                }
                device.sources.add(source);
            }
        }
        backend.child("protocol").ifPresent(protocol -> {
            device.protocol = new ModelType();
            device.protocol.type = attribute(protocol, "type");
        });
        return device;
    }

    private static String attribute(Element element, String name) {
        return element.hasAttribute(name) ? element.getAttribute(name) : null;
    }

    private ResolvedDevice shmem(Shmem shmem) {
        String model = shmem.model != null ? Values.text(shmem.model.type).orElse("ivshmem") : "ivshmem";
        Map<String, String> values = new LinkedHashMap<>();
        values.put("name", Values.text(shmem.name).orElse(""));
        if (!Set.of("ivshmem-plain", "ivshmem-doorbell").contains(model)) {
            invalid(shmem, "shmem model '" + model + "' is not supported with QEMU 7.2 (ivshmem-plain, ivshmem-doorbell)");
        }
        long bytes = 4L * 1024 * 1024;
        if (shmem.size != null) {
            Optional<Long> size = byteSize(shmem.size, "shmem size");
            if (size.filter(b -> b == 0).isPresent()) {
                invalid(shmem.size, "invalid shmem size '" + shmem.size.value + "'");
            }
            bytes = size.orElse(0L);
        }
        values.put("size", String.valueOf(bytes));
        if (model.equals("ivshmem-plain")) {
            // a doorbell's role is written in the XML but not passed on: libvirt gives QEMU no master=
            Values.text(shmem.role).filter(role -> !role.equals("default")).ifPresent(role -> values.put("role", role));
        }
        if (shmem.server != null) {
            values.put("server", Values.text(shmem.server.path).orElse("/var/lib/libvirt/shmem-" + values.get("name") + "-sock"));
        }
        if (shmem.msi != null) {
            optionalUnsigned(shmem.msi, shmem.msi.vectors, "msi vectors").ifPresent(v -> values.put("vectors", String.valueOf(v)));
            optionalOnOff(shmem.msi, shmem.msi.ioeventfd, "msi ioeventfd").ifPresent(on -> values.put("ioeventfd", String.valueOf(on)));
        }
        if (model.equals("ivshmem-doorbell")) {
            values.putIfAbsent("ioeventfd", "true"); // libvirt turns MSI ioeventfd on unless told otherwise
        }
        return new ResolvedDevice("shmem", model, Optional.empty(), at(shmem), pciAddressOf(shmem.address), Map.of(), values);
    }

    /** A host input device handed to the guest by QEMU's input-linux object: its path, grab and repeat. */
    private void evdevSource(Input input, Map<String, String> values) {
        Optional<String> dev = input.source == null ? Optional.empty() : Values.text(input.source.dev);
        if (dev.isEmpty()) {
            invalid(input, "missing evdev path for input device");
            return;
        }
        values.put("evdev", dev.get());
        Values.text(input.source.repeat).ifPresent(repeat -> {
            if (!Set.of("on", "off").contains(repeat)) {
                invalid(input, "invalid evdev repeat: '" + repeat + "'");
            }
            values.put("repeat", repeat);
        });
        Values.text(input.source.grab).ifPresent(grab -> {
            if (!grab.equals("all")) {
                invalid(input, "invalid evdev grab: '" + grab + "'");
            }
            values.put("grab", grab);
        });
        Values.text(input.source.grabToggle).ifPresent(toggle -> values.put("grabToggle", toggle));
    }

    private static void addImplicitInput(List<ResolvedDevice> inputs, String type) {
        boolean present = inputs.stream().anyMatch(i -> i.model().equals(type) && i.bus().orElse("").equals("ps2"));
        if (!present) {
            inputs.add(new ResolvedDevice("input", type, Optional.of("ps2"), Optional.empty(), Optional.empty()));
        }
    }

    private Optional<Integer> positiveInt(Object where, String value, String what) {
        Optional<Long> parsed = Values.unsigned(value);
        if (parsed.isEmpty() || parsed.get() == 0 || parsed.get() > Integer.MAX_VALUE) {
            invalid(where, "invalid " + what + " '" + value + "'");
            return Optional.empty();
        }
        return Optional.of(parsed.get().intValue());
    }

    OptionalInt optionalUnsigned(Object where, String value, String what) {
        if (value == null) {
            return OptionalInt.empty();
        }
        Optional<Long> parsed = Values.unsigned(value);
        if (parsed.isEmpty() || parsed.get() > Integer.MAX_VALUE) {
            invalid(where, "invalid " + what + " '" + value + "'");
            return OptionalInt.empty();
        }
        return OptionalInt.of(parsed.get().intValue());
    }

    Optional<Boolean> optionalOnOff(Object where, String value, String what) {
        if (value == null) {
            return Optional.empty();
        }
        Optional<Boolean> parsed = Values.onOff(value);
        if (parsed.isEmpty()) {
            invalid(where, "invalid " + what + " '" + value + "': use 'on' or 'off'");
        }
        return parsed;
    }

    /**
     * libvirt's video heads and sizes (KiB), with its defaults and checks: one head, and more only where
     * the device has them (not vga, cirrus, bochs); ram, vram64 and vgamem only for qxl (64 MiB of ram
     * and vram, 16 MiB of vgamem); vram 16 MiB for vga and bochs, at least 1 MiB; sizes rounded up to a
     * power of two (qxl's vgamem must be one, at least 1 MiB).
     */
    private Map<String, Long> videoSettings(String model, VideoModel xml, Object where) {
        Map<String, Long> settings = new LinkedHashMap<>();
        boolean qxl = model.equals("qxl");
        boolean framebufferOnly = model.equals("vga") || model.equals("bochs");
        long heads = xmlSize(xml == null ? null : xml.heads, 1);
        if (heads > 1 && (framebufferOnly || model.equals("cirrus"))) {
            invalid(where, "video type '" + model + "' doesn't support multiple 'heads'");
        }
        if (!qxl && xml != null) {
            for (String[] attribute : new String[][] {{"ram", xml.ram}, {"vram64", xml.vram64}, {"vgamem", xml.vgamem}}) {
                if (attribute[1] != null) {
                    invalid(where, attribute[0] + " attribute only supported for video type qxl");
                }
            }
        }
        long vram = xmlSize(xml == null ? null : xml.vram, qxl ? 65536 : framebufferOnly ? 16384 : 0);
        if (framebufferOnly && vram < 1024) {
            invalid(where, "value for 'vram' must be at least 1 MiB (1024 KiB)");
        }
        settings.put("heads", heads);
        settings.put("vram", roundUpToPowerOfTwo(vram));
        if (model.equals("virtio") && xml != null && xml.acceleration != null && "yes".equals(xml.acceleration.accel3d)) {
            settings.put("accel3d", 1L); // virgl: the -gl variants of the virtio display devices
        }
        if (xml != null && xml.resolution != null) {
            OptionalInt x = optionalUnsigned(xml.resolution, xml.resolution.x, "resolution x");
            OptionalInt y = optionalUnsigned(xml.resolution, xml.resolution.y, "resolution y");
            if (!Set.of("vga", "qxl", "virtio", "bochs").contains(model)) {
                invalid(where, "model resolution is not supported");
            } else if (x.orElse(0) == 0 || y.orElse(0) == 0) {
                invalid(where, "video resolution values must be greater than 0");
            } else {
                settings.put("xres", (long) x.getAsInt());
                settings.put("yres", (long) y.getAsInt());
            }
        }
        if (qxl) {
            long vgamem = xmlSize(xml == null ? null : xml.vgamem, 16384);
            if (vgamem < 1024) {
                invalid(where, "value for 'vgamem' must be at least 1 MiB (1024 KiB)");
            } else if (Long.bitCount(vgamem) != 1) {
                invalid(where, "value for 'vgamem' must be power of two");
            }
            settings.put("ram", roundUpToPowerOfTwo(xmlSize(xml == null ? null : xml.ram, 65536)));
            settings.put("vram64", xmlSize(xml == null ? null : xml.vram64, 0));
            settings.put("vgamem", vgamem);
        }
        return settings;
    }

    private static long roundUpToPowerOfTwo(long value) {
        return value <= 1 ? value : Long.highestOneBit(value - 1) << 1;
    }

    private static long xmlSize(String value, long fallback) {
        return Values.unsigned(value).filter(v -> v > 0).orElse(fallback);
    }

    /**
     * Explicit ids first, in the order written; when {@code <iothreads>} asks for more, the lowest
     * unused ids are appended. Zero and duplicate ids are left for the refusal rules to report.
     */
    private List<ResolvedIoThread> resolveIoThreads(Domain domain) {
        int count = 0;
        if (domain.iothreads != null) {
            Optional<Long> parsed = Values.unsigned(domain.iothreads);
            if (parsed.isEmpty() || parsed.get() > 100_000) {
                invalid(domain, "invalid <iothreads> count '" + domain.iothreads.trim() + "'");
            } else {
                count = parsed.get().intValue();
            }
        }
        List<ResolvedIoThread> threads = new ArrayList<>();
        Set<Integer> used = new LinkedHashSet<>();
        if (domain.iothreadids != null) {
            for (IoThreadId id : domain.iothreadids.iothreads) {
                Optional<Long> parsed = Values.unsigned(id.id);
                if (parsed.isEmpty() || parsed.get() > Integer.MAX_VALUE) {
                    invalid(id, "invalid iothread id '" + id.id + "'");
                    continue;
                }
                int value = parsed.get().intValue();
                used.add(value);
                threads.add(new ResolvedIoThread(value,
                        optionalUnsigned(id, id.threadPoolMin, "thread_pool_min"),
                        optionalUnsigned(id, id.threadPoolMax, "thread_pool_max"), at(id)));
            }
        }
        Optional<SourcePosition> countPosition = document.positionOfElement("iothreads");
        for (int next = 1; threads.size() < count; next++) {
            if (!used.contains(next)) {
                threads.add(new ResolvedIoThread(next, OptionalInt.empty(), OptionalInt.empty(), countPosition));
            }
        }
        return List.copyOf(threads);
    }

    private ResolvedController resolveController(Controller controller, String type, int index, MachineFamily family) {
        var driver = controller.driver;
        PciTarget pciTarget = PciTarget.NONE;
        if (controller.target != null) {
            var target = controller.target;
            pciTarget = new PciTarget(optionalUnsigned(target, target.chassisNr, "chassisNr"),
                    optionalUnsigned(target, target.chassis, "chassis"), optionalUnsigned(target, target.port, "port"),
                    optionalUnsigned(target, target.busNr, "busNr"),
                    target.node == null ? OptionalInt.empty() : optionalUnsigned(target, target.node, "node"),
                    optionalOnOff(target, target.hotplug, "hotplug"));
        }
        return new ResolvedController(
                Optional.of(controller), at(controller), type, index, Values.text(controller.model).orElse(""),
                driver == null ? OptionalInt.empty() : optionalUnsigned(driver, driver.iothread, "iothread"),
                driver == null ? OptionalInt.empty() : optionalUnsigned(driver, driver.queues, "queues"),
                driver == null ? OptionalInt.empty() : optionalUnsigned(driver, driver.cmdPerLun, "cmd_per_lun"),
                driver == null ? OptionalInt.empty() : optionalUnsigned(driver, driver.maxSectors, "max_sectors"),
                driver == null ? Optional.empty() : optionalOnOff(driver, driver.ioeventfd, "ioeventfd"),
                driver == null ? VirtioOptions.NONE : virtioOptions(driver),
                pciAddressOf(controller.address), pciTarget,
                optionalUnsigned(controller, controller.ports, "ports"),
                optionalUnsigned(controller, controller.vectors, "vectors"));
    }

    private static final Set<String> ADDRESS_TYPES = Set.of("pci", "drive", "virtio-serial", "ccid", "usb",
            "spapr-vio", "virtio-s390", "ccw", "virtio-mmio", "isa", "dimm", "unassigned");

    private static final long MAX_BOOT_MENU_TIMEOUT = 65535;
    private static final List<String> KNOWN_NIC_MODELS = List.of("netfront", "rtl8139", "virtio", "e1000", "e1000e",
            "virtio-transitional", "virtio-non-transitional", "usb-net", "spapr-vlan", "lan9118", "scm91c111", "vlance",
            "vmxnet", "vmxnet2", "vmxnet3", "Am79C970A", "Am79C973", "82540EM", "82545EM", "82543GC");
    static final String QEMU_NAMESPACE = "http://libvirt.org/schemas/domain/qemu/1.0";

    /**
     * {@code <qemu:commandline>}: its arguments and environment go to QEMU as written. The namespace's other
     * parts change how libvirt builds the line (device property overrides, capabilities, deprecation
     * behaviour), which domxml does not model, so it refuses them rather than leave them out.
     */
    private Passthrough passthrough(Domain domain) {
        List<String> args = new ArrayList<>();
        Map<String, String> env = new LinkedHashMap<>();
        for (org.w3c.dom.Element element : domain.otherElements) {
            if (!QEMU_NAMESPACE.equals(element.getNamespaceURI())) {
                continue;
            }
            if (!element.getLocalName().equals("commandline")) {
                invalidAt(document.positionOf(domain), "<qemu:" + element.getLocalName() + "> is not supported by domxml:"
                        + " it changes how libvirt builds the command line (only <qemu:commandline> is passed on)");
                continue;
            }
            for (org.w3c.dom.Node node = element.getFirstChild(); node != null; node = node.getNextSibling()) {
                if (node instanceof org.w3c.dom.Element child && QEMU_NAMESPACE.equals(child.getNamespaceURI())) {
                    if (child.getLocalName().equals("arg")) {
                        args.add(child.getAttribute("value"));
                    } else if (child.getLocalName().equals("env")) {
                        String name = child.getAttribute("name");
                        if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                            invalidAt(document.positionOf(domain), "<qemu:env name='" + name + "'> is not a valid"
                                    + " environment variable name");
                        }
                        env.put(name, child.getAttribute("value"));
                    }
                }
            }
        }
        return new Passthrough(args, env);
    }
    private static final long MIB = 1024 * 1024;
    /** libvirt's largest memory size on a 64-bit host: LLONG_MAX bytes, in KiB. */
    private static final long MAX_MEMORY_KIB = Long.MAX_VALUE >> 10;
    /** Where libvirt keeps a guest's firmware variables when the XML names no file (qemu.conf's nvram_dir). */
    private static final String NVRAM_DIR = "/var/lib/libvirt/qemu/nvram";

    /**
     * {@code <os><loader>} and {@code <nvram>} as libvirt 9.0 takes them when no firmware is autoselected:
     * a ROM image for -bios, or pflash0 (its code) and pflash1 (its variables; a read-only loader that is
     * not stateless gets NAME_VARS.fd in libvirt's nvram directory when none is written).
     */
    private Firmware resolveFirmware(Domain domain, String name, MachineFamily family, boolean acpi, String arch) {
        Os os = domain.os;
        if (os == null) {
            return Firmware.DEFAULT;
        }
        if (os.firmware != null) {
            invalid(os, "Unable to find any firmware to satisfy '" + os.firmware + "': libvirt picks one from the"
                    + " host's firmware descriptors (/usr/share/qemu/firmware), which domxml does not read; write"
                    + " the <loader> and <nvram> instead");
            return Firmware.DEFAULT;
        }
        if (child(os, "firmware").isPresent()) {
            invalid(os, "cannot use feature-based firmware autoselection when firmware autoselection is disabled");
            return Firmware.DEFAULT;
        }
        Loader loader = os.loader;
        if (loader == null) {
            return Firmware.DEFAULT;
        }
        Optional<String> path = Values.text(loader.path);
        if (path.isEmpty()) {
            invalid(loader, "no loader path specified and firmware auto selection disabled");
            return Firmware.DEFAULT;
        }
        String type = Values.text(loader.type).orElse("rom");
        if (!type.equals("rom") && !type.equals("pflash")) {
            invalid(loader, "loader type '" + type + "' is not supported (rom, pflash)");
            return Firmware.DEFAULT;
        }
        Optional<Boolean> stateless = optionalYesNo(loader, loader.stateless, "stateless");
        Optional<Firmware.FlashImage> nvram = Optional.empty();
        Nvram written = os.nvram;
        if (written != null) {
            String nvramType = Values.text(written.type).orElse("file");
            if (!Set.of("file", "block", "network").contains(nvramType)) {
                invalid(written, "nvram of type '" + written.type + "' is not supported by domxml (file, block, network)");
                return Firmware.DEFAULT;
            }
            if (nvramType.equals("network")) {
                nvram = networkNvram(written);
                if (nvram.isEmpty()) {
                    return Firmware.DEFAULT;
                }
            } else if (written.type == null) {
                nvram = Optional.ofNullable(written.path()).map(file -> new Firmware.FlashImage(file, false));
            } else {
                // a block device is opened as one (host_device), as for a disk
                boolean block = nvramType.equals("block");
                nvram = Optional.ofNullable(written.source).flatMap(s -> Values.text(block ? s.dev : s.file))
                        .map(source -> new Firmware.FlashImage(block ? "host_device" : "file", Map.of("filename", source),
                                false));
            }
        }
        boolean template = written != null && Values.text(written.template).isPresent();
        if (stateless.orElse(false)) {
            if (template) {
                invalid(written, "NVRAM template is not permitted when loader is stateless");
            } else if (nvram.isPresent()) {
                invalid(written, "NVRAM is not permitted when loader is stateless");
            }
        } else if (stateless.isPresent() && !type.equals("pflash")) {
            invalid(loader, "Only pflash loader type permits NVRAM");
        }
        if (type.equals("rom")) {
            return new Firmware(path, List.of(), false);
        }
        if (!acpi) {
            invalid(loader, "UEFI requires ACPI on this architecture");
        }
        boolean readOnly = optionalYesNo(loader, loader.readonly, "readonly").orElse(false);
        if (readOnly && nvram.isEmpty() && !stateless.orElse(false)) {
            nvram = Optional.of(new Firmware.FlashImage(NVRAM_DIR + "/" + name + "_VARS.fd", false));
        }
        List<Firmware.FlashImage> flash = new ArrayList<>();
        flash.add(new Firmware.FlashImage(path.get(), readOnly));
        nvram.ifPresent(flash::add);
        return new Firmware(Optional.empty(), flash, optionalYesNo(loader, loader.secure, "secure").orElse(false));
    }

    /**
     * {@code <nvram type='network'>}: the variable store over the network, its storage node as a network disk's
     * (libvirt's pflash1 node). TLS would need a credentials object of the firmware's, which domxml does not model.
     */
    private Optional<Firmware.FlashImage> networkNvram(Nvram written) {
        DiskSource source = written.source;
        if (source == null || Values.text(source.protocol).isEmpty()) {
            invalid(written, "nvram of type 'network' needs a <source protocol=...> with its <host>");
            return Optional.empty();
        }
        if (source.otherElements.stream().anyMatch(e -> SECRET_ELEMENTS.contains(e.getLocalName()))) {
            refuseSecrets(source.otherElements, "nvram", source);
            return Optional.empty();
        }
        Optional<NetworkSource> network = networkSource(source);
        if (network.isEmpty() || network.get().refusal().isPresent()) {
            return Optional.empty(); // refused: no location to work out
        }
        if (network.get().tls()) {
            invalid(source, "nvram over the network with tls='yes' is not supported by domxml (the firmware's TLS"
                    + " credentials object)");
            return Optional.empty();
        }
        return Optional.of(new Firmware.FlashImage(network.get().driver(), network.get().location("libvirt-pflash1-storage"),
                false));
    }

    private Optional<Boolean> optionalYesNo(Object where, String value, String what) {
        if (value == null) {
            return Optional.empty();
        }
        return switch (value.trim()) {
            case "yes" -> Optional.of(true);
            case "no" -> Optional.of(false);
            default -> {
                invalid(where, "invalid " + what + " value '" + value + "': use yes or no");
                yield Optional.empty();
            }
        };
    }

    /** s390's key wrapping: no x86 QEMU binary has it, so libvirt refuses it, naming aes before dea. */
    private void refuseKeyWrap(org.w3c.dom.Element keywrap) {
        org.w3c.dom.NodeList ciphers = keywrap.getElementsByTagName("cipher");
        Set<String> named = new java.util.HashSet<>();
        for (int i = 0; i < ciphers.getLength(); i++) {
            named.add(((org.w3c.dom.Element) ciphers.item(i)).getAttribute("name"));
        }
        named.stream().filter(Set.of("aes", "dea")::contains).min(java.util.Comparator.naturalOrder())
                .ifPresent(cipher -> invalid(keywrap, cipher + "-key-wrap is not available with this QEMU binary"));
    }

    /**
     * A confidential guest is never written: leaving {@code <launchSecurity>} out of the command line would
     * start the guest unprotected. libvirt refuses SEV on every host whose QEMU reports no SEV support (any
     * without AMD SEV enabled in KVM), and s390 protected virtualisation on x86.
     */
    private void refuseLaunchSecurity(org.w3c.dom.Element security) {
        String type = security.getAttribute("type");
        switch (type) {
            case "" -> invalid(security, "Missing required attribute 'type' in element 'launchSecurity'");
            case "sev" -> invalid(security, "SEV launch security is not supported by domxml (libvirt writes it only on"
                    + " a host with AMD SEV in KVM, and elsewhere refuses it: 'SEV launch security is not supported"
                    + " with this QEMU binary')");
            case "s390-pv" -> invalid(security, "S390 PV launch security is not supported with this QEMU binary");
            default -> invalid(security, "Invalid value for attribute 'type' in element 'launchSecurity': '" + type + "'.");
        }
    }

    /** The first unbound child element of that name (what the binding keeps in otherElements). */
    static Optional<org.w3c.dom.Element> child(dev.domxml.binding.Extensible parent, String name) {
        return parent.otherElements.stream().filter(e -> name.equals(e.getLocalName())).findFirst();
    }

    /** The first child element of that name of an unbound element. */
    static Optional<org.w3c.dom.Element> child(org.w3c.dom.Element parent, String name) {
        for (org.w3c.dom.Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof org.w3c.dom.Element e && name.equals(e.getLocalName())) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }

    private static boolean isPrimary(Video video) {
        return video.model != null && "yes".equals(Values.text(video.model.primary).orElse(""));
    }

    /** A written USB address as text ({@code usb-bus}, {@code usb-port}), read when ports are handed out. */
    Map<String, String> usbAddressValues(Address address) {
        if (!addressType(address).filter("usb"::equals).isPresent()) {
            return Map.of();
        }
        Map<String, String> values = new LinkedHashMap<>();
        Values.text(address.bus).ifPresent(bus -> values.put("usb-bus", bus));
        Values.text(address.port).ifPresent(port -> values.put("usb-port", port));
        return values;
    }

    Optional<XmlPciAddress> pciAddressOf(Address address) {
        if (!addressType(address).filter("pci"::equals).isPresent()) {
            return Optional.empty();
        }
        if (address.otherElements.stream().anyMatch(e -> e.getNamespaceURI() == null && e.getLocalName().equals("zpci"))) {
            // s390's PCI addressing: only qemu-system-s390x has it
            invalid(address, "This QEMU binary doesn't support zPCI");
            return Optional.empty();
        }
        OptionalInt domainNr = optionalUnsigned(address, address.domain, "PCI domain");
        OptionalInt bus = optionalUnsigned(address, address.bus, "PCI bus");
        OptionalInt slot = optionalUnsigned(address, address.slot, "PCI slot");
        OptionalInt function = optionalUnsigned(address, address.function, "PCI function");
        if (domainNr.orElse(0) > 0xffff || bus.orElse(0) > 0xff) {
            invalid(address, String.format("invalid PCI address domain='0x%x' bus='0x%x': the domain must be <= 0xFFFF"
                    + " and the bus <= 0xFF", domainNr.orElse(0), bus.orElse(0)));
            return Optional.empty();
        }
        if (slot.orElse(0) > 31 || function.orElse(0) > 7) {
            invalid(address, "PCI address slot " + slot.orElse(0) + " function " + function.orElse(0)
                    + " is out of range (slot 0-31, function 0-7)");
            return Optional.empty();
        }
        if (domainNr.orElse(0) == 0 && bus.orElse(0) == 0 && slot.orElse(0) == 0 && function.orElse(0) == 0) {
            // 0000:00:00.0 (or <address type='pci'/>) asks libvirt for a slot: the host bridge's can't be had
            return Optional.empty();
        }
        return Optional.of(new XmlPciAddress(domainNr.orElse(0), bus.orElse(0), slot.orElse(0), function.orElse(0),
                Values.onOff(address.multifunction)));
    }

    /** An {@code <address>}'s type, refused as libvirt refuses it when missing or unknown. */
    Optional<String> addressType(Address address) {
        if (address == null) {
            return Optional.empty();
        }
        Optional<String> type = Values.text(address.type);
        if (type.isEmpty()) {
            invalid(address, "no type specified for device address");
        } else if (!ADDRESS_TYPES.contains(type.get())) {
            invalid(address, "unknown address type '" + type.get() + "'");
            return Optional.empty();
        }
        return type;
    }

    /**
     * A vhost-user backend maps all guest RAM, so libvirt wants it all shared: the domain's access mode
     * when there are no NUMA cells, else each cell's own mode or, where it has none, the domain's.
     */
    private void requireSharedMemory(Object where, String what, List<ResolvedNumaCell> cells,
            ResolvedMemoryBacking backing) {
        boolean domainShared = backing.access().filter("shared"::equals).isPresent();
        boolean shared = cells.isEmpty() ? domainShared
                : cells.stream().allMatch(c -> c.memAccess().map("shared"::equals).orElse(domainShared));
        if (!shared) {
            invalid(where, "'" + what + "' requires shared memory");
        }
    }

    /** The names QEMU's x86 system emulators go by (distributions add qemu-kvm and kvm). */
    private static final Set<String> X86_EMULATORS = Set.of("qemu-system-x86_64", "qemu-system-i386", "qemu-kvm", "kvm");

    /** Disk elements libvirt turns into secrets it must have been given. */
    private static final Set<String> SECRET_ELEMENTS = Set.of("auth", "encryption", "cookies");

    /** The image formats domxml knows QEMU by (libvirt knows a few more, which QEMU cannot open). */
    private static final Set<String> DISK_FORMATS = Set.of("raw", "qcow2", "qcow", "vmdk", "vpc", "vdi", "qed", "vhdx",
            "luks", "cloop", "dmg", "bochs", "parallels", "fat");

    private static final Set<String> ERROR_POLICIES = Set.of("stop", "report", "ignore", "enospace");

    private Optional<ResolvedDisk> resolveDisk(Disk disk) {
        if (disk.source != null) {
            SecurityLabels.checkImage(this, disk.source.seclabels, domainSeclabels);
        }
        String type = Values.text(disk.type).orElse("file");
        String device = Values.text(disk.device).orElse("disk");
        if (!Set.of("disk", "cdrom", "lun", "floppy").contains(device)) {
            invalid(disk, "unknown disk device '" + device + "'");
            return Optional.empty();
        }
        if (disk.target == null || Values.text(disk.target.dev).isEmpty()) {
            invalid(disk, "<disk> has no <target dev=...>");
            return Optional.empty();
        }
        String target = disk.target.dev.trim();
        boolean hasAddress = disk.address != null;
        if (DiskNames.indexOf(target).isEmpty()) {
            if (target.matches("[a-z]+[a-z][0-9]+") && DiskNames.indexOf(target.replaceFirst("[0-9]+$", "")).isPresent()) {
                invalid(disk.target, "invalid disk target '" + target + "': partitions cannot be disk targets");
                return Optional.empty();
            }
            if (!hasAddress || "virtio".equals(disk.target.bus) || (disk.target.bus == null && target.startsWith("vd"))) {
                invalid(disk.target, "unknown disk name '" + target + "' (use names such as vda, sdb, hdc)"
                        + (hasAddress ? "" : " and no address given"));
                return Optional.empty();
            }
        }
        Optional<DiskBus> bus = disk.target.bus != null
                ? DiskBus.fromXml(disk.target.bus.trim()) : DiskBus.guessFromTarget(target);
        if (bus.isEmpty()) {
            invalid(disk.target, disk.target.bus != null
                    ? "unknown disk bus '" + disk.target.bus + "' on target '" + target + "'"
                    : "cannot tell the bus of target '" + target + "': add bus='virtio|scsi|sata|ide'");
            return Optional.empty();
        }
        if (bus.get() == DiskBus.USB && addressType(disk.address).filter(t -> !t.equals("usb")).isPresent()) {
            invalid(disk.address, "unexpected address type for usb disk");
            return Optional.empty();
        }
        Optional<String> sourcePath = Optional.empty();
        if (disk.source != null) {
            sourcePath = switch (type) {
                case "file" -> Values.text(disk.source.file);
                case "block" -> Values.text(disk.source.dev);
                case "dir" -> Values.text(disk.source.dir);
                case "network" -> Values.text(disk.source.name);
                case "volume" -> Values.text(disk.source.volume);
                case "vhostuser" -> Values.text(disk.source.path);
                default -> Optional.empty();
            };
        }
        if (!Set.of("file", "block", "network", "dir", "vhostuser").contains(type)
                && !(sourcePath.isEmpty() && type.equals("file"))) {
            invalid(disk, "disk type '" + type + "' (target '" + target
                    + "') is not supported yet: domxml models file, block, dir, network and vhostuser disks");
            return Optional.empty();
        }
        if (type.equals("vhostuser") && !vhostUserDiskValid(disk, target, bus.get(), sourcePath)) {
            return Optional.empty();
        }
        // elements of other disk types' sources: libvirt's schema has them nowhere else, and domxml drops nothing
        if (disk.source != null && disk.source.reconnect != null && !type.equals("vhostuser")) {
            invalid(disk.source.reconnect, "<reconnect> in a " + type + " disk's <source> is not supported by domxml");
        }
        if (disk.source != null && disk.source.identity != null && !type.equals("network")) {
            invalid(disk.source.identity, "<identity> belongs to an nfs source, not to a " + type + " disk");
        }
        DiskReservations.check(this, disk, type, device);
        Optional<NetworkSource> network = Optional.empty();
        if (type.equals("network")) {
            sourcePath = Optional.empty();
            network = networkSource(disk.source);
        }
        refuseSecrets(disk, target);
        refuseFdGroup(disk.source, type);
        if (disk.source != null && child(disk.source, "slices").isPresent()) {
            // libvirt puts a raw node with the slice's offset and size under the format node: never the whole file
            invalid(disk.source, "<slices> of a disk's <source> are not supported by domxml: the guest would see the"
                    + " whole image instead of the slice");
        }
        var driver = disk.driver;
        Optional<CacheMode> cache = Optional.empty();
        String format = "raw";
        Optional<String> io = Optional.empty();
        Optional<String> discard = Optional.empty();
        Optional<String> detectZeroes = Optional.empty();
        OptionalInt iothread = OptionalInt.empty();
        OptionalInt queues = OptionalInt.empty();
        Optional<Boolean> ioeventfd = Optional.empty();
        Optional<Boolean> eventIdx = Optional.empty();
        OptionalInt queueSize = OptionalInt.empty();
        VirtioOptions virtio = VirtioOptions.NONE;
        Optional<String> errorPolicy = Optional.empty();
        Optional<String> readErrorPolicy = Optional.empty();
        OptionalLong metadataCache = OptionalLong.empty();
        if (driver != null) {
            format = Values.text(driver.type).orElse("raw");
            if (format.equals("dir")) {
                invalid(driver, "'directory' storage format is not directly supported by QEMU, use 'dir' disk type instead");
            } else if (!DISK_FORMATS.contains(format)) {
                invalid(driver, "unknown driver format value '" + format + "'");
            }
            if (driver.cache != null) {
                cache = CacheMode.fromXml(driver.cache.trim());
                if (cache.isEmpty() && !driver.cache.trim().equals("default")) {
                    invalid(driver, "unknown disk cache mode '" + driver.cache + "'");
                }
            }
            io = checked(driver, driver.io, "io", Set.of("native", "threads", "io_uring"), "default");
            discard = checked(driver, driver.discard, "discard", Set.of("unmap", "ignore"), "default");
            detectZeroes = checked(driver, driver.detectZeroes, "detect_zeroes", Set.of("on", "off", "unmap"), "default");
            iothread = optionalUnsigned(driver, driver.iothread, "iothread");
            queues = optionalUnsigned(driver, driver.queues, "queues");
            ioeventfd = optionalOnOff(driver, driver.ioeventfd, "ioeventfd");
            eventIdx = optionalOnOff(driver, driver.eventIdx, "event_idx");
            queueSize = optionalUnsigned(driver, driver.queueSize, "queue_size");
            virtio = virtioOptions(driver);
            errorPolicy = checked(driver, driver.errorPolicy, "error_policy", ERROR_POLICIES, null);
            readErrorPolicy = checked(driver, driver.rerrorPolicy, "rerror_policy", ERROR_POLICIES, null);
            if (readErrorPolicy.filter("enospace"::equals).isPresent()) {
                invalid(driver, "invalid disk read error policy 'enospace': a read error is never out of space");
            }
            metadataCache = metadataCacheBytes(driver.metadataCache);
        }
        if (disk.transientDisk != null && disk.transientDisk.shareBacking != null
                && !Set.of("yes", "no").contains(disk.transientDisk.shareBacking)) {
            invalid(disk.transientDisk, "invalid transient shareBacking '" + disk.transientDisk.shareBacking
                    + "': use 'yes' or 'no'");
        }
        List<BackingImage> backingChain = backingChain(disk, format, sourcePath.isEmpty() && network.isEmpty());
        boolean readonly = disk.readonly != null || device.equals("cdrom");
        directoryDiskValid(disk, type, sourcePath.isPresent(), driver == null ? null : Values.text(driver.type).orElse(null),
                readonly);
        Optional<String> writePolicy = errorPolicy;
        DiskTuning tuning = new DiskTuning(
                blockSize(disk.blockio, b -> b.logicalBlockSize, "logical_block_size"),
                blockSize(disk.blockio, b -> b.physicalBlockSize, "physical_block_size"),
                geometry(disk.geometry),
                // QEMU spells enospace 'enospc'; reads follow the write policy unless that is enospace
                writePolicy.map(p -> p.equals("enospace") ? "enospc" : p),
                readErrorPolicy.or(() -> writePolicy.filter(p -> !p.equals("enospace"))),
                removable(disk, bus.get()));
        OptionalInt rotationRate = optionalUnsigned(disk.target, disk.target.rotationRate, "rotation_rate");
        OptionalInt bootOrder = OptionalInt.empty();
        if (disk.boot != null) {
            bootOrder = optionalUnsigned(disk.boot, disk.boot.order, "boot order");
            if (bootOrder.isPresent() && bootOrder.getAsInt() == 0) {
                invalid(disk.boot, "boot order must be at least 1");
            }
        }
        Optional<String> addressType = addressType(disk.address);
        Optional<DriveAddress> drive = Optional.empty();
        if (addressType.filter("drive"::equals).isPresent()) {
            Address a = disk.address;
            drive = Optional.of(new DriveAddress(
                    optionalUnsigned(a, a.controller, "drive controller").orElse(0),
                    optionalUnsigned(a, a.bus, "drive bus").orElse(0),
                    optionalUnsigned(a, a.target, "drive target").orElse(0),
                    optionalUnsigned(a, a.unit, "drive unit").orElse(0)));
        }
        return Optional.of(new ResolvedDisk(disk, at(disk), type, device, bus.get(), target,
                DiskNames.indexOf(target).orElse(-1), sourcePath, network, format, cache, io, discard, detectZeroes,
                iothread, queues, ioeventfd, eventIdx, queueSize, virtio, tuning, metadataCache,
                readonly, disk.shareable != null,
                // libvirt reads the serial as written (string(./serial)): leading and trailing spaces stay.
                Optional.ofNullable(disk.serial).filter(s -> !s.isBlank()),
                Values.text(disk.wwn), Values.text(disk.vendor), Values.text(disk.product),
                rotationRate, bootOrder, addressType, drive,
                addressType.filter("pci"::equals).isPresent() ? pciAddressOf(disk.address) : Optional.empty(),
                backingChain));
    }

    /** The storage types an image of a backing chain can be, as domxml models them. */
    private static final Set<String> BACKING_TYPES = Set.of("file", "block", "network");

    /**
     * The images of a disk's {@code <backingStore>} chain, the nearest first, as libvirt reads them: each
     * needs a format and a source, and the image above it a format that can have a backing image. The
     * chain of an empty drive is read (and refused where wrong) but opens nothing.
     */
    private List<BackingImage> backingChain(Disk disk, String topFormat, boolean emptyDrive) {
        List<BackingImage> chain = new ArrayList<>();
        String above = topFormat;
        for (BackingStore store = disk.backingStore; store != null && !store.isEmpty(); store = store.backingStore) {
            Optional<String> format = Optional.ofNullable(store.format).flatMap(f -> Values.text(f.type));
            if (format.isEmpty()) {
                invalid(store, "missing disk backing store format");
                return List.of();
            }
            if (store.source == null) {
                invalid(store, "missing disk backing store source");
                return List.of();
            }
            if (!emptyDrive && !FormatNode.canHaveBacking(above)) {
                invalid(store, "storage format '" + above + "' does not support backing store");
                return List.of();
            }
            String type = store.type.trim();
            if (type.equals("dir") && !format.get().equals("fat")) {
                invalid(store, "storage type 'dir' requires use of storage format 'fat'");
                return List.of();
            }
            if (!BACKING_TYPES.contains(type)) {
                invalid(store, "backing store type '" + type + "' is not supported by domxml: it models file, block"
                        + " and network images in a backing chain");
                return List.of();
            }
            if (!DISK_FORMATS.contains(format.get()) || format.get().equals("fat")) {
                invalid(store.format, "unknown backing store format '" + format.get() + "'");
                return List.of();
            }
            Optional<String> path = type.equals("file") ? Values.text(store.source.file)
                    : type.equals("block") ? Values.text(store.source.dev) : Optional.empty();
            Optional<NetworkSource> network = type.equals("network") ? networkSource(store.source) : Optional.empty();
            if (path.isEmpty() && network.isEmpty()) {
                invalid(store.source, "missing disk backing store source");
                return List.of();
            }
            refuseSecrets(store.source.otherElements, "the backing image of disk '" + disk.target.dev.trim() + "'",
                    disk);
            refuseFdGroup(store.source, type);
            chain.add(new BackingImage(type, path, network, format.get(),
                    metadataCacheBytes(store.format.metadataCache), store.backingStore != null));
            above = format.get();
        }
        return chain;
    }

    /**
     * libvirt's rules for a vhost-user disk: a socket on the virtio bus, and none of the settings that belong
     * to an image QEMU would open itself (the backend owns the image), each refused by name.
     */
    private boolean vhostUserDiskValid(Disk disk, String target, DiskBus bus, Optional<String> socket) {
        if (socket.isEmpty()) {
            invalid(disk, "missing source information for device " + target);
            return false;
        }
        if (bus != DiskBus.VIRTIO) {
            invalid(disk.target, "vhostuser disk supports only virtio bus");
            return false;
        }
        DiskDriver d = disk.driver;
        Map<String, Boolean> written = new LinkedHashMap<>();
        written.put("cache", d != null && Values.text(d.cache).filter(c -> !c.equals("default")).isPresent());
        written.put("error_policy", d != null && (d.errorPolicy != null || d.rerrorPolicy != null));
        written.put("io", d != null && Values.text(d.io).filter(c -> !c.equals("default")).isPresent());
        written.put("ioeventfd", d != null && d.ioeventfd != null);
        written.put("copy_on_read", d != null && d.copyOnRead != null);
        written.put("discard", d != null && Values.text(d.discard).filter(c -> !c.equals("default")).isPresent());
        written.put("iothread", d != null && d.iothread != null);
        written.put("detect_zeroes", d != null && Values.text(d.detectZeroes).filter(c -> !c.equals("default")).isPresent());
        written.put("metadata_cache", d != null && d.metadataCache != null);
        written.put("geometry", disk.geometry != null);
        written.put("blockio", disk.blockio != null);
        written.put("iotune", child(disk, "iotune").isPresent());
        written.put("readonly", disk.readonly != null || "cdrom".equals(disk.device));
        written.put("shareable", disk.shareable != null);
        written.put("serial", disk.serial != null);
        written.put("wwn", disk.wwn != null);
        written.put("vendor", disk.vendor != null);
        written.put("product", disk.product != null);
        Optional<String> refused = written.entrySet().stream().filter(Map.Entry::getValue).map(Map.Entry::getKey).findFirst();
        if (disk.transientDisk != null) {
            invalid(disk, "transient disks are not supported with vhostuser disk");
            return false;
        }
        refused.ifPresent(what -> invalid(disk, what + " is not supported with vhostuser disk"));
        return refused.isEmpty();
    }

    /**
     * QEMU shows a host directory to the guest as a FAT image it makes up (vvfat): libvirt wants the 'fat'
     * format for a directory, a directory for that format, and the disk read-only.
     */
    private void directoryDiskValid(Disk disk, String type, boolean hasSource, String format, boolean readonly) {
        boolean dir = type.equals("dir") && hasSource;
        if (dir && !"fat".equals(format)) {
            invalid(disk, "storage type 'dir' requires use of storage format 'fat'");
        } else if (!dir && "fat".equals(format)) {
            invalid(disk, "storage format 'fat' is supported only with 'dir' storage type");
        } else if (dir && !readonly) {
            invalid(disk, "virtual FAT storage can't be accessed in read-write mode");
        }
    }

    private VirtioOptions virtioOptionsOf(VirtioDriver driver) {
        return driver == null ? VirtioOptions.NONE : virtioOptions(driver);
    }

    private VirtioOptions virtioOptions(VirtioDriver driver) {
        return new VirtioOptions(optionalOnOff(driver, driver.iommu, "iommu"), optionalOnOff(driver, driver.ats, "ats"),
                optionalOnOff(driver, driver.packed, "packed"), optionalOnOff(driver, driver.pagePerVq, "page_per_vq"));
    }

    /** USB disks say whether they are removable (libvirt: not unless written); other buses cannot. */
    private Optional<Boolean> removable(Disk disk, DiskBus bus) {
        Optional<Boolean> removable = optionalOnOff(disk.target, disk.target.removable, "removable");
        if (removable.isPresent() && bus != DiskBus.USB) {
            invalid(disk.target, "removable is only valid for usb disks");
        }
        return bus == DiskBus.USB ? Optional.of(removable.orElse(false)) : Optional.empty();
    }

    /** A network disk's source; none for an empty drive (no {@code <source>} or no protocol). */
    private Optional<NetworkSource> networkSource(DiskSource source) {
        if (source == null || Values.text(source.protocol).isEmpty()) {
            return Optional.empty();
        }
        String protocol = source.protocol.trim();
        if (!NetworkSource.PROTOCOLS.contains(protocol)) {
            invalid(source, "network disk protocol '" + protocol + "' is not supported by domxml ("
                    + String.join(", ", new java.util.TreeSet<>(NetworkSource.PROTOCOLS)) + ")");
            return Optional.empty();
        }
        // qemu.conf's nbd_tls is off (libvirt's default): only tls='yes' asks for TLS
        boolean tls = Values.onOff(source.tls).orElse(false);
        OptionalLong user = OptionalLong.empty();
        OptionalLong group = OptionalLong.empty();
        if (source.identity != null) {
            if (!protocol.equals("nfs")) {
                invalid(source.identity, "<identity> is only for an nfs source (protocol '" + protocol + "')");
            } else {
                user = hostId(source.identity, source.identity.user, HostAccounts.USERS, "user");
                group = hostId(source.identity, source.identity.group, HostAccounts.GROUPS, "group");
            }
        }
        for (Element child : source.otherElements) {
            if (SECRET_ELEMENTS.contains(child.getLocalName()) || CURL_ELEMENTS.contains(child.getLocalName())) {
                continue; // refuseSecrets says why, curlOptions reads the others
            }
            invalid(source, "<" + child.getLocalName() + "> in a network disk's <source> is not supported by domxml");
        }
        List<NetworkSource.Host> hosts = new ArrayList<>();
        for (DiskHost host : source.hosts) {
            String transport = Values.text(host.transport).orElse("tcp");
            if (!Set.of("tcp", "unix").contains(transport)) {
                invalid(host, "host transport '" + transport + "' is not supported by domxml (tcp, unix)");
            }
            if (host.port != null) {
                optionalUnsigned(host, host.port, "host port");
            }
            hosts.add(new NetworkSource.Host(transport, Values.text(host.name), Values.text(host.port),
                    Values.text(host.socket)));
        }
        NetworkSource network = new NetworkSource(protocol, Optional.ofNullable(source.name), List.copyOf(hosts),
                Values.text(source.query), tls, Optional.ofNullable(source.tlsHostname), user, group,
                curlOptions(source, protocol));
        network.refusal().ifPresent(reason -> invalid(source, reason));
        return Optional.of(network);
    }

    private static final Set<String> CURL_ELEMENTS = Set.of("ssl", "timeout", "readahead");

    /**
     * {@code <ssl verify>} (read for https and ftps only), {@code <timeout seconds>} and {@code <readahead size>}
     * (for the four curl protocols); libvirt ignores each where its protocol does not take it, and writes no
     * zero timeout or readahead.
     */
    private NetworkSource.Curl curlOptions(DiskSource source, String protocol) {
        if (!NetworkSource.CURL_PROTOCOLS.contains(protocol)) {
            return NetworkSource.Curl.NONE;
        }
        Optional<Boolean> verify = Optional.empty();
        Optional<Element> ssl = child(source, "ssl");
        if (ssl.isPresent() && (protocol.equals("https") || protocol.equals("ftps")) && ssl.get().hasAttribute("verify")) {
            String written = ssl.get().getAttribute("verify");
            verify = Optional.ofNullable(written.equals("yes") ? Boolean.TRUE : written.equals("no") ? Boolean.FALSE : null);
            if (verify.isEmpty()) {
                invalid(source, "Invalid value for attribute 'verify' in element 'ssl': '" + written + "'.");
            }
        }
        OptionalLong timeout = curlNumber(source, "timeout", "seconds");
        OptionalLong readahead = curlNumber(source, "readahead", "size");
        return new NetworkSource.Curl(verify, timeout, readahead);
    }

    private OptionalLong curlNumber(DiskSource source, String element, String attribute) {
        Optional<String> written = child(source, element).filter(e -> e.hasAttribute(attribute))
                .map(e -> e.getAttribute(attribute));
        if (written.isEmpty()) {
            return OptionalLong.empty();
        }
        Optional<Long> value = written.get().strip().matches("\\d+") ? Values.unsigned(written.get().strip())
                : Optional.empty();
        if (value.isEmpty()) {
            invalid(source, "invalid readahead size or timeout");
            return OptionalLong.empty();
        }
        return value.get() == 0 ? OptionalLong.empty() : OptionalLong.of(value.get());
    }

    /**
     * An NFS identity's user or group as libvirt resolves it (virGetUserID/virGetGroupID): {@code +N} is the
     * number N; a name is looked up in this host's account database, and one that is not there is read
     * as a number if it is one. So a name gives the id it has on the host domxml runs on, as on libvirt's.
     */
    private OptionalLong hostId(Object where, String written, HostAccounts accounts, String what) {
        if (written == null) {
            return OptionalLong.empty();
        }
        String text = written;
        if (!text.startsWith("+")) {
            OptionalLong known = accounts.idOf(text);
            if (known.isPresent()) {
                return known;
            }
        } else {
            text = text.substring(1);
        }
        Optional<Long> number = Values.unsigned(text).filter(n -> n <= 0xffffffffL);
        if (number.isEmpty()) {
            invalid(where, "Failed to parse " + what + " '" + text + "'");
            return OptionalLong.empty();
        }
        return OptionalLong.of(number.get());
    }

    /** libvirt needs a secret for these, which this host (and domxml) does not have. */
    private void refuseSecrets(Disk disk, String target) {
        List<Element> elements = new ArrayList<>(disk.otherElements);
        if (disk.source != null) {
            elements.addAll(disk.source.otherElements);
        }
        refuseSecrets(elements, "disk '" + target + "'", disk);
    }

    /**
     * A file or block source opened from file descriptors the client handed libvirt: none are handed to
     * domxml-to-native (nor to domxml), so libvirt refuses the group as unknown.
     */
    private void refuseFdGroup(DiskSource source, String type) {
        if (source != null && source.fdgroup != null && (type.equals("file") || type.equals("block"))) {
            invalid(source, "file descriptor group '" + source.fdgroup + "' was not associated with the domain");
        }
    }

    private void refuseSecrets(List<Element> elements, String what, Object where) {
        for (Element element : elements) {
            String name = element.getLocalName();
            if (SECRET_ELEMENTS.contains(name)) {
                invalid(where, what + ": <" + name + "> needs a libvirt secret, which domxml cannot"
                        + " write into a command line");
            }
        }
    }

    private OptionalInt blockSize(BlockIo blockio, Function<BlockIo, String> attribute, String what) {
        return blockio == null ? OptionalInt.empty() : positive(optionalUnsigned(blockio, attribute.apply(blockio), what));
    }

    private ChsGeometry geometry(DiskGeometry geometry) {
        if (geometry == null) {
            return ChsGeometry.NONE;
        }
        return new ChsGeometry(positive(optionalUnsigned(geometry, geometry.cyls, "geometry cyls")),
                positive(optionalUnsigned(geometry, geometry.heads, "geometry heads")),
                positive(optionalUnsigned(geometry, geometry.secs, "geometry secs")),
                checked(geometry, geometry.trans, "geometry trans", Set.of("none", "auto", "lba"), null));
    }

    /** libvirt leaves a zero size or count off the command line, as if unset. */
    private static OptionalInt positive(OptionalInt value) {
        return value.isPresent() && value.getAsInt() == 0 ? OptionalInt.empty() : value;
    }

    private OptionalLong metadataCacheBytes(MetadataCache cache) {
        if (cache == null || cache.maxSize == null) {
            return OptionalLong.empty();
        }
        return byteSize(cache.maxSize, "metadata cache max_size").filter(bytes -> bytes > 0)
                .map(OptionalLong::of).orElse(OptionalLong.empty());
    }

    /** A size with a unit (bytes when absent), refused when it is no number or does not fit 63 bits. */
    private Optional<Long> byteSize(Memory size, String what) {
        Optional<BigInteger> bytes = Values.bytes(size.value, size.unit == null ? "b" : size.unit);
        if (bytes.isEmpty() || bytes.get().bitLength() > 63) {
            invalid(size, "invalid " + what + " '" + size.value + "'");
            return Optional.empty();
        }
        return Optional.of(bytes.get().longValue());
    }

    private Optional<String> checked(Object where, String value, String what, Set<String> allowed, String defaultWord) {
        if (value == null || value.trim().equals(defaultWord)) {
            return Optional.empty();
        }
        String v = value.trim();
        if (!allowed.contains(v)) {
            invalid(where, "unknown disk " + what + " value '" + v + "'");
            return Optional.empty();
        }
        return Optional.of(v);
    }

    /**
     * libvirt keeps disks grouped by bus and, within a bus, ordered by target index; a new disk goes
     * before the first later disk of its bus, or after the last one, or at the end.
     */
    private static void insertDisk(List<ResolvedDisk> disks, ResolvedDisk disk) {
        int insertAt = -1;
        for (int i = disks.size() - 1; i >= 0; i--) {
            ResolvedDisk current = disks.get(i);
            if (current.bus() == disk.bus() && current.index() > disk.index()) {
                insertAt = i;
            } else if (current.bus() == disk.bus() && insertAt == -1) {
                insertAt = i + 1;
            }
        }
        if (insertAt == -1) {
            disks.add(disk);
        } else {
            disks.add(insertAt, disk);
        }
    }

    private ResolvedInterface resolveInterface(Interface nic) {
        String type = Values.text(nic.type).orElse("user");
        // libvirt takes the first NIC its QEMU has of rtl8139, e1000, virtio; QEMU 7.2 has rtl8139
        // a vdpa device is virtio whatever the machine
        String fallback = type.equals("vdpa") ? "virtio" : "rtl8139";
        String written = nic.model != null ? Values.text(nic.model.type).orElse(fallback) : fallback;
        // libvirt knows its models whatever their case; any other name is QEMU's device as written
        String model = KNOWN_NIC_MODELS.stream().filter(known -> known.equalsIgnoreCase(written)).findFirst().orElse(written);
        Optional<String> mac = nic.mac != null ? Values.text(nic.mac.address) : Optional.empty();
        OptionalInt boot = nic.boot != null ? optionalUnsigned(nic.boot, nic.boot.order, "boot order") : OptionalInt.empty();
        // domxml-to-native rebuilds the interface without its <driver>, but libvirt checks it first
        child(nic, "driver").ifPresent(driver -> {
            String queues = driver.getAttribute("queues");
            if (!queues.isEmpty() && Values.unsigned(queues).isEmpty()) {
                invalid(nic, "Invalid value for attribute 'queues' in element 'driver': '" + queues
                        + "'. Expected non-negative integer value");
            }
            for (String size : List.of("rx_queue_size", "tx_queue_size")) {
                String value = driver.getAttribute(size);
                if (!value.isEmpty() && Values.unsigned(value).filter(v -> v > 0 && (v & (v - 1)) == 0).isEmpty()) {
                    invalid(nic, size + " has to be a power of two");
                }
            }
        });
        refuseHostSideSettings(nic, type);
        Optional<ResolvedDevice> hostdev = Optional.empty();
        if (type.equals("hostdev")) {
            if (nic.model == null || Values.text(nic.model.type).isEmpty()) {
                // libvirt gives a host device's interface no default model, and its stand-in NIC has no driver
                invalid(nic, "<interface type='hostdev'> without a <model>: libvirt 9.0 fails on it (argument key"
                        + " 'driver' must not have null value)");
            }
            hostdev = interfaceHostdev(nic);
            boot = OptionalInt.empty(); // the host device boots, not the NIC domxml-to-native puts in its place
        }
        Optional<String> script = child(nic, "script").map(e -> e.getAttribute("path")).filter(path -> !path.isEmpty());
        return new ResolvedInterface(nic, at(nic), type, model, mac, boot, pciAddressOf(nic.address), hostdev, script);
    }

    /**
     * Settings of the host side of an interface that libvirt applies to a tap or bridge itself, and so refuses
     * on interface types without one: an MTU, interrupt coalescing, an isolated port.
     */
    private void refuseHostSideSettings(Interface nic, String type) {
        boolean passt = child(nic, "backend").map(b -> b.getAttribute("type").equals("passt")).orElse(false);
        if (child(nic, "mtu").isPresent() && !Set.of("network", "bridge", "ethernet", "vhostuser").contains(type)
                && !(type.equals("user") && passt)) {
            invalid(nic, "setting MTU on interface type " + type + " is not supported yet");
        } else if (child(nic, "coalesce").isPresent() && !Set.of("network", "bridge").contains(type)) {
            invalid(nic, "coalesce settings on interface type " + type + " are not supported");
        } else if (child(nic, "port").filter(p -> Values.onOff(p.getAttribute("isolated")).orElse(false)).isPresent()
                && !Set.of("network", "bridge").contains(type)) {
            invalid(nic, "<port isolated='yes'/> is not supported for network interfaces with type='" + type + "'");
        }
    }

    /**
     * The host device of an {@code <interface type='hostdev'>}: a PCI or USB device as a {@code <hostdev>} would
     * pass it through, with the interface's driver, boot order and address. libvirt lists these before the
     * {@code <hostdev>} elements, so they take the first {@code hostdevN} names.
     */
    private Optional<ResolvedDevice> interfaceHostdev(Interface nic) {
        Hostdev hostdev = new Hostdev();
        writtenAs.put(hostdev, nic);
        hostdev.mode = "subsystem";
        hostdev.type = "pci";
        hostdev.boot = nic.boot;
        hostdev.address = nic.address;
        child(nic, "driver").map(d -> d.getAttribute("name")).filter(name -> !name.isEmpty()).ifPresent(name -> {
            hostdev.driver = new Hostdev.Driver();
            hostdev.driver.name = name;
        });
        Optional<org.w3c.dom.Element> address = child(nic, "source").flatMap(source -> child(source, "address"));
        if (address.isPresent()) {
            org.w3c.dom.Element a = address.get();
            hostdev.type = a.getAttribute("type").equals("usb") ? "usb" : "pci";
            hostdev.source = new HostdevSource();
            hostdev.source.address = new Address();
            hostdev.source.address.domain = attribute(a, "domain");
            hostdev.source.address.bus = attribute(a, "bus");
            hostdev.source.address.slot = attribute(a, "slot");
            hostdev.source.address.function = attribute(a, "function");
            hostdev.source.address.device = attribute(a, "device");
            writtenAs.put(hostdev.source.address, nic);
        }
        Optional<ResolvedDevice> device = hostDevices.resolve(hostdev, false);
        device.ifPresent(interfaceHostdevs::add);
        return device;
    }

    /** Drive addresses from the target name, for disks on buses that have them and none written. */
    private ResolvedDisk assignDriveAddress(ResolvedDisk disk) {
        if (disk.addressType().isPresent() || disk.index() < 0) {
            return disk;
        }
        int i = disk.index();
        return switch (disk.bus()) {
            case SCSI -> disk.withDriveAddress(new DriveAddress(i / 7, 0, 0, i % 7));
            case IDE -> disk.withDriveAddress(new DriveAddress(i / 4, (i % 4) / 2, 0, i % 2));
            case SATA -> disk.withDriveAddress(new DriveAddress(i / 6, 0, 0, i % 6));
            case FDC -> disk.withDriveAddress(new DriveAddress(i / 2, 0, 0, i % 2));
            default -> disk;
        };
    }

    /** What the QEMU driver adds to every x86 domain: the USB controller, and SATA on Q35. */
    private static void addDefaultControllers(
            List<ResolvedController> controllers, MachineFamily family, List<ResolvedDevice> inputs) {
        if (controllers.stream().noneMatch(c -> c.is("usb"))) {
            insertController(controllers, ResolvedController.implicit("usb", 0, ""));
        }
        if (family == MachineFamily.Q35 && controllers.stream().noneMatch(c -> c.is("sata") && c.index() == 0)) {
            insertController(controllers, ResolvedController.implicit("sata", 0, "ahci"));
        }
    }

    /** Disks on a drive address need controllers 0..N of their bus; libvirt adds the missing ones. */
    private static void addDiskControllers(List<ResolvedController> controllers, List<ResolvedDisk> disks) {
        addControllersFor(controllers, disks, DiskBus.SCSI, "scsi");
        addControllersFor(controllers, disks, DiskBus.IDE, "ide");
        addControllersFor(controllers, disks, DiskBus.SATA, "sata");
        addControllersFor(controllers, disks, DiskBus.FDC, "fdc");
    }

    private static void addControllersFor(
            List<ResolvedController> controllers, List<ResolvedDisk> disks, DiskBus bus, String type) {
        int max = disks.stream().filter(d -> d.bus() == bus && d.driveAddress().isPresent())
                .mapToInt(d -> d.driveAddress().get().controller()).max().orElse(-1);
        for (int index = 0; index <= max; index++) {
            int wanted = index;
            if (controllers.stream().noneMatch(c -> c.is(type) && c.index() == wanted)) {
                insertController(controllers, ResolvedController.implicit(type, index, ""));
            }
        }
    }

    /** Controllers libvirt adds go after all written ones, whatever their index. */
    private static void insertController(List<ResolvedController> controllers, ResolvedController controller) {
        controllers.add(controller);
    }

    /** The root bus: pci-root on pc machines, pcie-root on q35, index 0 and no address of its own. */
    private void checkPciRoot(List<ResolvedController> controllers, MachineFamily family) {
        String root = family == MachineFamily.Q35 ? "pcie-root" : "pci-root";
        for (ResolvedController c : controllers) {
            if (!c.is("pci") || c.xml().isEmpty()) {
                continue;
            }
            boolean isRoot = c.model().equals("pci-root") || c.model().equals("pcie-root");
            if (isRoot && c.index() != 0) {
                invalid(c.xml().get(), "pci-root and pcie-root controllers should have index 0");
            } else if (isRoot && c.xml().get().address != null) {
                invalid(c.xml().get(), "pci-root and pcie-root controllers should not have an address");
            } else if (c.index() == 0 && !c.model().isEmpty() && !c.model().equals(root)) {
                invalid(c.xml().get(), "The PCI controller with index='0' must be model='" + root + "' for this machine"
                        + " type, but model='" + c.model() + "' was found instead");
            }
        }
    }

    /** xHCI controllers have at most 15 ports; EHCI companions need their master. */
    private void checkUsbControllers(List<ResolvedController> controllers) {
        boolean master = false;
        boolean any = false;
        for (ResolvedController c : controllers) {
            if (!c.is("usb") || c.xml().isEmpty()) {
                continue;
            }
            if ((c.model().equals("qemu-xhci") || c.model().equals("nec-xhci")) && c.ports().orElse(0) > XHCI_MAX_PORTS) {
                invalid(c.xml().get(), "'" + c.model() + "' controller only supports up to '" + XHCI_MAX_PORTS + "' ports");
            }
            if (!c.model().equals("none")) {
                any = true;
                master |= !c.model().startsWith("ich9-uhci") || child(c.xml().get(), "master").isEmpty();
            }
        }
        if (any && !master) {
            invalid(controllers.stream().filter(c -> c.is("usb") && c.xml().isPresent()).findFirst().orElseThrow().xml()
                    .orElseThrow(), "No master USB controller specified");
            return;
        }
        for (ResolvedController companion : controllers) {
            boolean hasMaster = controllers.stream().anyMatch(c -> c.is("usb") && c.index() == companion.index()
                    && !c.isUsbCompanion());
            if (companion.isUsbCompanion() && companion.xml().isPresent() && !hasMaster) {
                // a companion's bus is its EHCI master's, the USB controller of its index
                invalid(companion.xml().get(), "masterbus not found");
                return;
            }
        }
    }

    private static final int XHCI_MAX_PORTS = 15;

    private static void resolveControllerModels(List<ResolvedController> controllers, MachineFamily family) {
        Function<ResolvedController, String> defaultModel = c -> switch (c.type()) {
            case "scsi" -> "lsilogic";
            // a written controller without a model is libvirt's first choice, piix3-uhci; only the one it adds on q35 is xHCI
            case "usb" -> family == MachineFamily.Q35 && c.xml().isEmpty() ? "qemu-xhci" : "piix3-uhci";
            case "sata" -> "ahci";
            case "ide" -> "piix3";
            case "virtio-serial" -> "virtio";
            default -> c.model();
        };
        for (int i = 0; i < controllers.size(); i++) {
            ResolvedController c = controllers.get(i);
            if (c.model().isEmpty() || c.model().equals("auto") || c.model().equals("default")) {
                controllers.set(i, c.withModel(defaultModel.apply(c)));
            }
        }
    }
}
