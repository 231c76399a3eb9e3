package dev.domxml.rules;

import dev.domxml.model.GenericDevice;
import dev.domxml.model.StorageControllerKind;
import dev.domxml.model.GenericDevice.Backend;
import dev.domxml.model.GenericDevice.Kind;
import dev.domxml.model.MachineFamily;
import dev.domxml.report.SourcePosition;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * The devices beside storage, NICs and displays, as libvirt 9.0 writes them for QEMU 7.2: their ids,
 * properties and backends, and where USB devices plug in (libvirt adds a hub when the controller's own
 * ports run out).
 */
final class Peripherals {
    /** Sound cards that are PCI devices (sb16 is ISA, usb-audio sits on USB). */
    static final Set<String> PCI_SOUND = Set.of("ich6", "ich9", "ac97", "es1370");

    private final ResolvedDomain domain;
    private final PciPlanner.Plan plan;
    private final Findings findings;
    /** USB addresses by device (hubs, disks, inputs, sound cards). */
    private final Map<Object, UsbAddressSet.UsbAddress> usbAddresses = new IdentityHashMap<>();
    private final List<ResolvedDevice> hubs = new ArrayList<>();

    /** A domain's peripherals; where libvirt would refuse a USB address, the reason goes to findings. */
    Peripherals(ResolvedDomain domain, PciPlanner.Plan plan, Findings findings) {
        this.domain = domain;
        this.plan = plan;
        this.findings = findings;
        assignUsbPorts(findings);
    }

    /** libvirt's virtio devices that take a PCI slot after the balloon, and sound cards before controllers. */
    static boolean isPciSound(ResolvedDevice sound) {
        return PCI_SOUND.contains(sound.model());
    }

    static boolean isPciWatchdog(ResolvedDevice watchdog) {
        return watchdog.model().equals("i6300esb");
    }

    static boolean isPciInput(ResolvedDevice input) {
        return input.bus().orElse("").equals("virtio");
    }

    List<GenericDevice> hubs() {
        List<GenericDevice> out = new ArrayList<>();
        for (int i = 0; i < hubs.size(); i++) {
            Map<String, Object> props = new LinkedHashMap<>();
            props.put("id", "hub" + i);
            usb(props, hubs.get(i));
            out.add(new GenericDevice(Kind.HUB, "hub" + i, "usb-hub", props, Optional.empty(), List.of()));
        }
        return out;
    }

    List<GenericDevice> filesystems() {
        List<GenericDevice> out = new ArrayList<>();
        List<ResolvedDevice> filesystems = domain.peripherals("filesystem");
        for (int i = 0; i < filesystems.size(); i++) {
            ResolvedDevice fs = filesystems.get(i);
            if (fs.model().equals("virtiofs")) {
                out.add(virtiofs(fs, "fs" + i));
                continue;
            }
            StringBuilder fsdev = new StringBuilder();
            if (fs.model().equals("handle")) {
                fsdev.append("handle");
            } else {
                String mode = fs.value("accessmode").orElse("passthrough");
                fsdev.append("local,security_model=").append(mode.equals("squash") ? "none" : mode);
                fs.value("multidevs").ifPresent(m -> fsdev.append(",multidevs=").append(m));
                fs.value("fmode").ifPresent(m -> fsdev.append(",fmode=").append(m));
                fs.value("dmode").ifPresent(m -> fsdev.append(",dmode=").append(m));
            }
            fs.value("wrpolicy").ifPresent(w -> fsdev.append(",writeout=").append(w));
            fsdev.append(",id=fsdev-fs").append(i).append(",path=").append(escapeCommas(fs.value("source").orElse("")));
            if (fs.value("readonly").isPresent()) {
                fsdev.append(",readonly");
            }
            Map<String, Object> props = virtioFirst(fs);
            props.put("id", "fs" + i);
            props.put("fsdev", "fsdev-fs" + i);
            props.put("mount_tag", fs.value("target").orElse(""));
            out.add(new GenericDevice(Kind.FILESYSTEM, "fs" + i, "virtio-9p-pci", props, Optional.of(plan.of(fs)),
                    List.of(new Backend("-fsdev", fsdev.toString()))));
        }
        return out;
    }

    /** vhost-user-fs-pci on a socket chardev to virtiofsd: the user's socket, or libvirt's in the domain directory. */
    private GenericDevice virtiofs(ResolvedDevice fs, String id) {
        String socket = fs.value("socket")
                .orElse(LibvirtPaths.domainDirectory(domain.name()) + "/" + id + "-fs.sock");
        Map<String, Object> props = virtioFirst(fs);
        props.put("id", id);
        props.put("chardev", "chr-vu-" + id);
        if (fs.settings().containsKey("queue")) {
            props.put("queue-size", fs.setting("queue"));
        }
        props.put("tag", fs.value("target").orElse(""));
        return new GenericDevice(Kind.FILESYSTEM, id, "vhost-user-fs-pci", props, Optional.of(plan.of(fs)),
                List.of(new Backend("-chardev", "socket,id=chr-vu-" + id + ",path=" + escapeCommas(socket))));
    }

    List<GenericDevice> parallels() {
        List<GenericDevice> out = new ArrayList<>();
        List<ResolvedDevice> parallels = domain.peripherals("parallel");
        for (int i = 0; i < parallels.size(); i++) {
            String id = "parallel" + i;
            Map<String, Object> props = new LinkedHashMap<>();
            props.put("chardev", "char" + id);
            props.put("id", id);
            out.add(new GenericDevice(Kind.PARALLEL, id, "isa-parallel", props, Optional.empty(),
                    chardevBackends(parallels.get(i), "char" + id, "vdagent")));
        }
        return out;
    }

    /** Channels on the virtio-serial ports the resolver gave them (see VirtioSerialPorts). */
    List<GenericDevice> channels() {
        List<ResolvedDevice> channels = domain.peripherals("channel");
        List<GenericDevice> out = new ArrayList<>();
        for (int i = 0; i < channels.size(); i++) {
            ResolvedDevice channel = channels.get(i);
            String id = "channel" + i;
            if (DomainResolver.isGuestForward(channel)) {
                out.add(guestForward(channel, id));
                continue;
            }
            int controller = Integer.parseInt(channel.value("controller").orElseThrow());
            int port = Integer.parseInt(channel.value("port").orElseThrow());
            Map<String, Object> props = new LinkedHashMap<>();
            props.put("bus", "virtio-serial" + controller + ".0");
            props.put("nr", port);
            props.put("chardev", "char" + id);
            props.put("id", id);
            channel.value("name").ifPresent(name -> props.put("name", name));
            out.add(new GenericDevice(Kind.CHANNEL, id, "virtserialport", props, Optional.empty(),
                    chardevBackends(channel, "char" + id, "vdagent")));
        }
        return out;
    }

    /**
     * A guestfwd channel: no device, but a user network of its own whose guestfwd rule hands the guest's
     * connections to the address and port to the channel's chardev.
     */
    private GenericDevice guestForward(ResolvedDevice channel, String id) {
        Map<String, Object> netdev = new LinkedHashMap<>();
        netdev.put("type", "user");
        netdev.put("guestfwd", List.of(Map.of("str", "tcp:" + channel.value("forward-address").orElse("") + ":"
                + channel.value("forward-port").orElse("") + "-chardev:char" + id)));
        netdev.put("id", id);
        List<Backend> backends = new ArrayList<>(chardevBackends(channel, "char" + id, "vdagent"));
        backends.add(new Backend("-netdev", "", netdev));
        return new GenericDevice(Kind.CHANNEL, id, GenericDevice.NO_DEVICE, Map.of(), Optional.empty(), backends);
    }

    List<GenericDevice> consoles() {
        List<GenericDevice> out = new ArrayList<>();
        for (ResolvedDevice console : domain.peripherals("console")) {
            String id = "console" + console.value("index").orElse("0");
            Map<String, Object> props = new LinkedHashMap<>();
            props.put("chardev", "char" + id);
            props.put("id", id);
            out.add(new GenericDevice(Kind.CONSOLE, id, "virtconsole", props, Optional.empty(),
                    chardevBackends(console, "char" + id, "vdagent")));
        }
        return out;
    }

    /**
     * Virtio, USB and evdev inputs in the order written; PS/2 ones are built into the machine, yet take
     * their number in the aliases as libvirt counts every input.
     */
    List<GenericDevice> inputs() {
        List<GenericDevice> out = new ArrayList<>();
        List<ResolvedDevice> inputs = domain.inputs();
        for (int index = 0; index < inputs.size(); index++) {
            ResolvedDevice input = inputs.get(index);
            String bus = input.bus().orElse("");
            if (bus.equals("ps2")) {
                continue;
            }
            String id = "input" + index;
            if (input.model().equals("evdev")) {
                out.add(GenericDevice.objectOnly(Kind.INPUT, id, inputLinux(id, input)));
                continue;
            }
            Map<String, Object> props = bus.equals("usb") ? new LinkedHashMap<>() : virtioFirst(input);
            props.put("id", id);
            if (bus.equals("usb")) {
                usb(props, input);
                out.add(new GenericDevice(Kind.INPUT, id, "usb-" + usbInputName(input.model()), props, Optional.empty(),
                        List.of()));
            } else {
                String driver = input.model().equals("passthrough") ? "virtio-input-host-pci"
                        : "virtio-" + input.model() + "-pci";
                input.value("evdev").ifPresent(evdev -> props.put("evdev", evdev));
                out.add(new GenericDevice(Kind.INPUT, id, driver, props, Optional.of(plan.of(input)), List.of()));
            }
        }
        return out;
    }

    private static Map<String, Object> inputLinux(String id, ResolvedDevice input) {
        Map<String, Object> object = new LinkedHashMap<>();
        object.put("qom-type", "input-linux");
        object.put("id", id);
        object.put("evdev", input.value("evdev").orElse(""));
        input.value("repeat").ifPresent(repeat -> object.put("repeat", repeat.equals("on")));
        if (input.value("grab").isPresent()) {
            object.put("grab_all", true);
        }
        input.value("grabToggle").ifPresent(toggle -> object.put("grab-toggle", toggle));
        return object;
    }

    /** The audio backend a sound card plays through: the one its {@code <audio id>} names, else the first. */
    private String audiodev(ResolvedDevice sound) {
        List<String> ids = domain.display().audio().stream().map(a -> String.valueOf(a.get("id"))).toList();
        String id = sound.value("audio").map(n -> "audio" + n).orElse(ids.isEmpty() ? "" : ids.get(0));
        if (!ids.contains(id)) {
            findings.error(DomainResolver.RULE_ID, "unable to find audio backend for sound device", sound.position());
        }
        return id;
    }

    /** Sound cards, each HDA controller followed by its codecs (a duplex one when none is written). */
    List<GenericDevice> sounds() {
        List<GenericDevice> out = new ArrayList<>();
        List<ResolvedDevice> sounds = domain.peripherals("sound");
        for (int i = 0; i < sounds.size(); i++) {
            ResolvedDevice sound = sounds.get(i);
            String id = "sound" + i;
            Map<String, Object> props = new LinkedHashMap<>();
            props.put("id", id);
            switch (sound.model()) {
                case "ich6", "ich9" -> {
                    String driver = sound.model().equals("ich6") ? "intel-hda" : "ich9-intel-hda";
                    out.add(new GenericDevice(Kind.SOUND, id, driver, props, Optional.of(plan.of(sound)), List.of()));
                    List<String> codecs = sound.value("codecs").filter(c -> !c.isEmpty()).map(c -> List.of(c.split(",")))
                            .orElse(List.of("duplex"));
                    for (int c = 0; c < codecs.size(); c++) {
                        Map<String, Object> codec = new LinkedHashMap<>();
                        codec.put("id", id + "-codec" + c);
                        codec.put("bus", id + ".0");
                        codec.put("cad", c);
                        codec.put("audiodev", audiodev(sound));
                        out.add(new GenericDevice(Kind.SOUND, id + "-codec" + c, "hda-" + codecs.get(c), codec,
                                Optional.empty(), List.of()));
                    }
                }
                // numbered like the others, but written as -soundhw, with no id or audio backend
                case "pcspk" -> out.add(new GenericDevice(Kind.SOUND, id, "pcspk", props, Optional.empty(), List.of()));
                case "usb" -> {
                    props.put("audiodev", audiodev(sound));
                    usb(props, sound);
                    out.add(new GenericDevice(Kind.SOUND, id, "usb-audio", props, Optional.empty(), List.of()));
                }
                default -> {
                    props.put("audiodev", audiodev(sound));
                    String driver = switch (sound.model()) {
                        case "ac97" -> "AC97";
                        case "es1370" -> "ES1370";
                        default -> sound.model();
                    };
                    out.add(new GenericDevice(Kind.SOUND, id, driver, props,
                            isPciSound(sound) ? Optional.of(plan.of(sound)) : Optional.empty(), List.of()));
                }
            }
        }
        return out;
    }

    List<GenericDevice> watchdogs() {
        List<GenericDevice> out = new ArrayList<>();
        for (ResolvedDevice watchdog : domain.peripherals("watchdog")) {
            Map<String, Object> props = new LinkedHashMap<>();
            props.put("id", "watchdog0");
            out.add(new GenericDevice(Kind.WATCHDOG, "watchdog0", watchdog.model(), props,
                    isPciWatchdog(watchdog) ? Optional.of(plan.of(watchdog)) : Optional.empty(), List.of(),
                    List.of(new Backend("-watchdog-action", watchdog.value("action").orElse("reset")))));
        }
        return out;
    }

    /** usb-ccid for each CCID controller: a USB device that smartcards plug into. */
    List<GenericDevice> ccidControllers() {
        List<GenericDevice> out = new ArrayList<>();
        for (ResolvedController c : domain.controllers()) {
            if (c.is("ccid")) {
                Map<String, Object> props = new LinkedHashMap<>();
                props.put("id", "ccid" + c.index());
                usb(props, c);
                out.add(new GenericDevice(Kind.CONTROLLER, "ccid" + c.index(), "usb-ccid", props, Optional.empty(),
                        List.of()));
            }
        }
        return out;
    }

    /** The card in slot 0 of its CCID controller: emulated from the host, or passed through a chardev. */
    List<GenericDevice> smartcards() {
        List<GenericDevice> out = new ArrayList<>();
        for (ResolvedDevice card : domain.peripherals("smartcard")) {
            Map<String, Object> props = new LinkedHashMap<>();
            List<Backend> backends = List.of();
            String driver = "ccid-card-emulated";
            switch (card.value("mode").orElse("host")) {
                case "host" -> props.put("backend", "nss-emulated");
                case "host-certificates" -> {
                    props.put("backend", "certificates");
                    for (String key : List.of("cert1", "cert2", "cert3", "db")) {
                        props.put(key, card.value(key).orElse(""));
                    }
                }
                default -> {
                    driver = "ccid-card-passthru";
                    props.put("chardev", "charsmartcard0");
                    backends = chardevBackends(card, "charsmartcard0", "smartcard");
                }
            }
            props.put("id", "smartcard0");
            props.put("bus", "ccid0.0");
            out.add(new GenericDevice(Kind.SMARTCARD, "smartcard0", driver, props, Optional.empty(), backends));
        }
        return out;
    }

    /** usb-redir for each redirected device, fed by its chardev. */
    List<GenericDevice> redirdevs() {
        List<GenericDevice> out = new ArrayList<>();
        List<ResolvedDevice> redirdevs = domain.peripherals("redirdev");
        for (int i = 0; i < redirdevs.size(); i++) {
            ResolvedDevice redirdev = redirdevs.get(i);
            String id = "redir" + i;
            Map<String, Object> props = new LinkedHashMap<>();
            props.put("chardev", "char" + id);
            props.put("id", id);
            redirdev.value("filter").ifPresent(filter -> props.put("filter", filter));
            bootIndex(props, redirdev);
            usb(props, redirdev);
            out.add(new GenericDevice(Kind.REDIRDEV, id, "usb-redir", props, Optional.empty(),
                    chardevBackends(redirdev, "char" + id, "usbredir")));
        }
        return out;
    }

    /** vfio-pci for host PCI and mediated devices, usb-host for host USB devices; libvirt's properties in its order. */
    List<GenericDevice> hostdevs() {
        List<GenericDevice> out = new ArrayList<>();
        // libvirt numbers SCSI host devices' backends on from the disks' images, in their order
        int nodeIndex = domain.disks().stream().mapToInt(ResolvedDisk::nodeNumbers).sum();
        for (ResolvedDevice hostdev : domain.peripherals("hostdev")) {
            String id = hostdev.value("alias").orElseThrow();
            if (ScsiHostdevs.isScsiHostdev(hostdev)) {
                out.add(scsiHostdev(hostdev, id, "libvirt-" + ++nodeIndex + "-backend"));
                continue;
            }
            Map<String, Object> props = new LinkedHashMap<>();
            String driver;
            switch (hostdev.model()) {
                case "usb" -> {
                    driver = "usb-host";
                    props.put("hostdevice", hostdev.value("hostdevice").orElseThrow());
                    props.put("id", id);
                    bootIndex(props, hostdev);
                    hostdev.value("guest-reset").ifPresent(on -> props.put("guest-reset", Boolean.parseBoolean(on)));
                    hostdev.value("guest-resets-all").ifPresent(on -> props.put("guest-resets-all", Boolean.parseBoolean(on)));
                    usb(props, hostdev);
                }
                case "mdev" -> {
                    driver = hostdev.value("ramfb").isPresent() ? "vfio-pci-nohotplug" : "vfio-pci";
                    props.put("id", id);
                    props.put("sysfsdev", hostdev.value("sysfsdev").orElseThrow());
                    hostdev.value("display").ifPresent(display -> props.put("display", display));
                    hostdev.value("ramfb").ifPresent(on -> props.put("ramfb", true));
                    bootIndex(props, hostdev);
                }
                default -> {
                    driver = "vfio-pci";
                    props.put("host", hostdev.value("host").orElseThrow());
                    props.put("id", id);
                    bootIndex(props, hostdev);
                }
            }
            hostdev.value("rombar").ifPresent(bar -> props.put("rombar", Integer.parseInt(bar)));
            hostdev.value("romfile").ifPresent(file -> props.put("romfile", file));
            out.add(new GenericDevice(Kind.HOSTDEV, id, driver, props,
                    isPciHostdev(hostdev) ? Optional.of(plan.of(hostdev)) : Optional.empty(), List.of()));
        }
        return out;
    }

    /** scsi-generic on its backend: the iSCSI LUN or the host's /dev/sgN, addressed like a SCSI disk. */
    private GenericDevice scsiHostdev(ResolvedDevice hostdev, String id, String node) {
        Map<String, Object> backend = new LinkedHashMap<>();
        String driver = hostdev.value("backend").orElseThrow();
        backend.put("driver", driver);
        if (driver.equals("iscsi")) {
            backend.put("portal", hostdev.value("portal").orElseThrow());
            backend.put("target", hostdev.value("target").orElseThrow());
            backend.put("lun", GenericDevice.number(Long.parseLong(hostdev.value("lun").orElseThrow())));
            backend.put("transport", "tcp");
        } else {
            backend.put("filename", hostdev.value("filename").orElseThrow());
        }
        backend.put("node-name", node);
        backend.put("read-only", Boolean.parseBoolean(hostdev.value("read-only").orElseThrow()));
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("drive", node);
        props.put("id", id);
        bootIndex(props, hostdev);
        DriveAddress a = ScsiHostdevs.addressOf(hostdev);
        boolean channels = domain.controller("scsi", a.controller()).flatMap(c -> ModelBuilder.scsiKind(c.model()))
                .map(StorageControllerKind::scsiChannelAddressing).orElse(true);
        if (channels) {
            props.put("bus", "scsi" + a.controller() + ".0");
            props.put("channel", a.bus());
            props.put("scsi-id", a.target());
            props.put("lun", a.unit());
        } else {
            props.put("bus", "scsi" + a.controller() + "." + a.bus());
            props.put("scsi-id", a.unit());
        }
        return new GenericDevice(Kind.HOSTDEV, id, "scsi-generic", props, Optional.empty(),
                List.of(new GenericDevice.Backend("-blockdev", "", backend)));
    }

    static boolean isPciHostdev(ResolvedDevice hostdev) {
        return !hostdev.model().equals("usb") && !hostdev.model().equals("scsi");
    }

    private static void bootIndex(Map<String, Object> props, ResolvedDevice device) {
        device.value("bootindex").ifPresent(index -> props.put("bootindex", Integer.parseInt(index)));
    }

    List<GenericDevice> rngs() {
        List<GenericDevice> out = new ArrayList<>();
        List<ResolvedDevice> rngs = domain.peripherals("rng");
        for (int i = 0; i < rngs.size(); i++) {
            ResolvedDevice rng = rngs.get(i);
            String object = "objrng" + i;
            List<Backend> backends = new ArrayList<>();
            Map<String, Object> backend = new LinkedHashMap<>();
            switch (rng.value("backend").orElse("")) {
                case "random" -> {
                    backend.put("qom-type", "rng-random");
                    backend.put("id", object);
                    backend.put("filename", rng.value("path").orElse("/dev/random"));
                }
                case "builtin" -> {
                    backend.put("qom-type", "rng-builtin");
                    backend.put("id", object);
                }
                default -> {
                    backends.addAll(chardevBackends(rng, "charrng" + i, "vdagent"));
                    backend.put("qom-type", "rng-egd");
                    backend.put("id", object);
                    backend.put("chardev", "charrng" + i);
                }
            }
            backends.add(Backend.object(backend));
            Map<String, Object> props = virtioFirst(rng);
            props.put("rng", object);
            props.put("id", "rng" + i);
            rng.value("bytes").ifPresent(bytes -> {
                props.put("max-bytes", GenericDevice.number(Long.parseLong(bytes)));
                props.put("period", GenericDevice.number(Long.parseLong(rng.value("period").orElse("1000"))));
            });
            out.add(new GenericDevice(Kind.RNG, "rng" + i, "virtio-rng-pci", props, Optional.of(plan.of(rng)), backends));
        }
        return out;
    }

    /** The guest's crash-dump notes device, for {@code <features><vmcoreinfo/>}. */
    List<GenericDevice> vmcoreinfo() {
        return domain.peripherals("vmcoreinfo").stream()
                .map(v -> new GenericDevice(Kind.VMCOREINFO, "vmcoreinfo", "vmcoreinfo", Map.of(), Optional.empty(),
                        List.of()))
                .toList();
    }

    /** An ISA pvpanic device; a Hyper-V panic notifier is a CPU feature, not a device. */
    List<GenericDevice> panics() {
        return domain.peripherals("panic").stream().filter(p -> p.model().equals("isa")).limit(1)
                .map(p -> {
                    Map<String, Object> props = new LinkedHashMap<>();
                    p.value("ioport").ifPresent(port -> props.put("ioport", Integer.parseInt(port)));
                    return new GenericDevice(Kind.PANIC, "panic", "pvpanic", props, Optional.empty(), List.of());
                })
                .toList();
    }

    List<GenericDevice> shmems() {
        List<GenericDevice> out = new ArrayList<>();
        List<ResolvedDevice> shmems = domain.peripherals("shmem");
        for (int i = 0; i < shmems.size(); i++) {
            ResolvedDevice shmem = shmems.get(i);
            String id = "shmem" + i;
            Map<String, Object> props = new LinkedHashMap<>();
            props.put("id", id);
            if (shmem.model().equals("ivshmem-plain")) {
                Map<String, Object> memory = new LinkedHashMap<>();
                memory.put("qom-type", "memory-backend-file");
                memory.put("id", "shmmem-" + id);
                memory.put("mem-path", "/dev/shm/" + shmem.value("name").orElse(""));
                memory.put("size", GenericDevice.number(Long.parseLong(shmem.value("size").orElse("0"))));
                memory.put("share", true);
                props.put("memdev", "shmmem-" + id);
                master(shmem, props);
                out.add(new GenericDevice(Kind.SHMEM, id, "ivshmem-plain", props, Optional.of(plan.of(shmem)),
                        List.of(Backend.object(memory))));
            } else {
                props.put("chardev", "char" + id);
                master(shmem, props);
                shmem.value("vectors").ifPresent(v -> props.put("vectors", Integer.parseInt(v)));
                shmem.value("ioeventfd").ifPresent(on -> props.put("ioeventfd", Boolean.parseBoolean(on)));
                out.add(new GenericDevice(Kind.SHMEM, id, "ivshmem-doorbell", props, Optional.of(plan.of(shmem)),
                        List.of(), List.of(new Backend("-chardev", "socket,id=char" + id + ",path="
                                + escapeCommas(shmem.value("server").orElse(""))))));
            }
        }
        return out;
    }

    /** A migration role: the master's memory goes along with the guest, a peer's does not. */
    private static void master(ResolvedDevice shmem, Map<String, Object> props) {
        shmem.value("role").ifPresent(role -> props.put("master", role.equals("master") ? "on" : "off"));
    }

    /** Properties that start with a virtio device's transport options, where libvirt puts them. */
    private static Map<String, Object> virtioFirst(ResolvedDevice device) {
        return new LinkedHashMap<>(device.virtio().properties());
    }

    List<GenericDevice> vsocks() {
        return domain.peripherals("vsock").stream().map(vsock -> {
            Map<String, Object> props = virtioFirst(vsock);
            props.put("id", "vsock0");
            props.put("guest-cid", GenericDevice.number(Long.parseLong(vsock.value("cid").orElse("0"))));
            props.put("vhostfd", "-1"); // libvirt opens /dev/vhost-vsock when it starts the guest
            return new GenericDevice(Kind.VSOCK, "vsock0", "vhost-vsock-pci", props, Optional.of(plan.of(vsock)),
                    List.of());
        }).toList();
    }

    /** The chardev behind a serial port, channel, console or parallel port, as libvirt spells it. */
    /**
     * The options backing a device's chardev: the TLS credentials a socket with {@code tls='yes'} uses
     * (libvirt's default directory and peer verification), then the -chardev itself.
     */
    List<Backend> chardevBackends(ResolvedDevice device, String id, String spicevmc) {
        List<Backend> backends = new ArrayList<>();
        if (device.value("tls").isPresent()) {
            Map<String, Object> tls = new LinkedHashMap<>();
            tls.put("qom-type", "tls-creds-x509");
            tls.put("id", "obj" + id + "_tls0");
            tls.put("dir", "/etc/pki/qemu");
            tls.put("endpoint", device.value("listen").isPresent() ? "server" : "client");
            tls.put("verify-peer", true);
            backends.add(Backend.object(tls));
        }
        backends.add(new Backend("-chardev", chardev(device, id, spicevmc)));
        return backends;
    }

    /**
     * libvirt's -chardev for a device's backend, {@code spicevmc} naming the spice channel it is for, and
     * the file QEMU copies its traffic into, if any.
     */
    private String chardev(ResolvedDevice device, String id, String spicevmc) {
        return backendOf(device, id, spicevmc) + device.value("logfile").map(f -> ",logfile=" + escapeCommas(f)).orElse("")
                + device.value("logappend").map(on -> ",logappend=" + on).orElse("");
    }

    private String backendOf(ResolvedDevice device, String id, String spicevmc) {
        String path = escapeCommas(device.value("path").orElse(""));
        String reconnect = device.value("reconnect").map(seconds -> ",reconnect=" + seconds).orElse("");
        // an rng's egd backend says its chardev type apart from the device's model
        String type = device.value("chardev-type").orElse(device.model());
        return switch (type) {
            case "file" -> "file,id=" + id + ",path=" + path + device.value("append").map(on -> ",append=" + on).orElse("");
            case "pipe" -> "pipe,id=" + id + ",path=" + path;
            case "dev" -> (id.startsWith("charparallel") ? "parallel" : "serial") + ",id=" + id + ",path=" + path;
            case "stdio", "vc", "null" -> type + ",id=" + id;
            case "unix" -> {
                // a channel without a path gets one in libvirt's channel directory, and QEMU listens on it
                boolean generated = device.value("path").isEmpty();
                String socket = generated ? escapeCommas(LibvirtPaths.channelDirectory(domain.name())
                        + "/" + device.value("name").orElseGet(() -> portSocketName(device))) : path;
                yield "socket,id=" + id + ",path=" + socket
                        + (generated || device.value("listen").isPresent() ? ",server=on,wait=off" : "") + reconnect;
            }
            case "tcp" -> "socket,id=" + id + ",host=" + device.value("host").orElse("") + ",port="
                    + device.value("service").orElse("") + (device.value("telnet").isPresent() ? ",telnet=on" : "")
                    + (device.value("listen").isPresent() ? ",server=on,wait=off" : "") + reconnect
                    + (device.value("tls").isPresent() ? ",tls-creds=obj" + id + "_tls0" : "");
            case "udp" -> "udp,id=" + id + ",host=" + device.value("host").orElse("") + ",port="
                    + device.value("service").orElse("") + ",localaddr=" + device.value("localaddr").orElse("")
                    + ",localport=" + device.value("localport").orElse("0");
            case "spicevmc" -> "spicevmc,id=" + id + ",name=" + spicevmc;
            case "qemu-vdagent" -> "qemu-vdagent,id=" + id + ",name=vdagent"
                    + device.value("clipboard").map(on -> ",clipboard=" + on).orElse("")
                    + device.value("mouse").map(on -> ",mouse=" + on).orElse("");
            case "dbus" -> "dbus,id=" + id + ",name=" + device.value("channel").orElse("");
            default -> "pty,id=" + id;
        };
    }

    /** The socket libvirt names after an unnamed channel's virtio-serial port (controller, bus 0, port). */
    private static String portSocketName(ResolvedDevice channel) {
        return String.format("vioser-%02d-00-%02d.sock", Integer.parseInt(channel.value("controller").orElse("0")),
                Integer.parseInt(channel.value("port").orElse("0")));
    }

    private void usb(Map<String, Object> props, Object device) {
        UsbAddressSet.UsbAddress address = usbAddresses.getOrDefault(device, FIRST_PORT);
        props.put("bus", address.busId());
        props.put("port", address.port());
    }

    private static String usbInputName(String model) {
        return model.equals("keyboard") ? "kbd" : model;
    }

    /**
     * libvirt's USB placement (qemuDomainAssignUSBAddresses): hubs are added when the ports of all USB
     * controllers and hubs are fewer than the devices; hubs and devices with a written port take it;
     * then the other hubs and then the other devices (host devices, disks, CCID controllers, inputs, sound cards,
     * redirected devices: libvirt's order) each
     * take the first free port.
     */
    private void assignUsbPorts(Findings findings) {
        List<ResolvedDevice> written = domain.peripherals("hub");
        hubs.addAll(written);
        List<Object> devices = new ArrayList<>();
        domain.peripherals("hostdev").stream().filter(h -> h.model().equals("usb")).forEach(devices::add);
        domain.disks().stream().filter(d -> d.bus() == DiskBus.USB).forEach(devices::add);
        domain.controllers().stream().filter(c -> c.is("ccid")).forEach(devices::add);
        domain.inputs().stream().filter(i -> i.bus().orElse("").equals("usb")).forEach(devices::add);
        domain.peripherals("sound").stream().filter(s -> s.model().equals("usb")).forEach(devices::add);
        devices.addAll(domain.peripherals("redirdev"));
        List<ResolvedController> controllers = domain.controllers().stream().filter(c -> c.is("usb")).toList();
        int available = controllers.stream().mapToInt(Peripherals::usbPorts).sum() + UsbAddressSet.HUB_PORTS * hubs.size();
        int count = hubs.size() + devices.size();
        if (count > available && available > 0) {
            int needed = (count - available + 1 + UsbAddressSet.HUB_PORTS - 2) / (UsbAddressSet.HUB_PORTS - 1);
            for (int i = 0; i < needed; i++) {
                hubs.add(new ResolvedDevice("hub", "usb", Optional.of("usb"), Optional.empty(), Optional.empty()));
            }
        }
        boolean usbDisabled = controllers.stream().allMatch(c -> c.model().equals("none"));
        if (usbDisabled && !written.isEmpty()) {
            findings.error(DomainResolver.RULE_ID, "Can't add USB hub: USB is disabled for this domain",
                    written.get(0).position());
            return;
        }
        UsbAddressSet ports = new UsbAddressSet();
        Object current = null;
        try {
            for (ResolvedController c : controllers) {
                current = c;
                ports.addController(c.index(), usbPorts(c));
            }
            Map<Object, OptionalInt> unplaced = new java.util.LinkedHashMap<>();
            for (ResolvedDevice hub : hubs) {
                current = hub;
                Optional<UsbAddressSet.UsbAddress> at = writtenUsb(hub).address();
                if (at.isPresent()) {
                    ports.addHub(at.get());
                    usbAddresses.put(hub, at.get());
                }
            }
            for (Object device : devices) {
                current = device;
                WrittenUsb at = writtenUsb(device);
                if (at.address().isPresent()) {
                    ports.reserve(at.address().get());
                    usbAddresses.put(device, at.address().get());
                } else {
                    unplaced.put(device, at.bus());
                }
            }
            for (ResolvedDevice hub : hubs) {
                current = hub;
                if (!usbAddresses.containsKey(hub)) {
                    UsbAddressSet.UsbAddress address = ports.assign(writtenUsb(hub).bus());
                    ports.addHub(address);
                    usbAddresses.put(hub, address);
                }
            }
            for (var entry : unplaced.entrySet()) {
                current = entry.getKey();
                usbAddresses.put(entry.getKey(), ports.assign(entry.getValue()));
            }
        } catch (UsbAddressSet.Refused refused) {
            findings.error(DomainResolver.RULE_ID, refused.getMessage(), positionOf(current));
        }
    }

    /** A written USB address: the bus, and the port unless none or port 0 was written. */
    private record WrittenUsb(OptionalInt bus, Optional<List<Integer>> port) {
        /** The full address, when a port was written (bus 0 unless one was). */
        Optional<UsbAddressSet.UsbAddress> address() {
            return port.map(path -> new UsbAddressSet.UsbAddress(bus.orElse(0), path));
        }
    }

    private static WrittenUsb writtenUsb(Object device) throws UsbAddressSet.Refused {
        String bus;
        String port;
        if (device instanceof ResolvedDisk || device instanceof ResolvedController) {
            var address = device instanceof ResolvedDisk disk ? disk.xml().address
                    : ((ResolvedController) device).xml().map(c -> c.address).orElse(null);
            boolean usb = address != null && "usb".equals(address.type);
            bus = usb ? Values.text(address.bus).orElse(null) : null;
            port = usb ? Values.text(address.port).orElse(null) : null;
        } else {
            ResolvedDevice resolved = (ResolvedDevice) device;
            bus = resolved.value("usb-bus").orElse(null);
            port = resolved.value("usb-port").orElse(null);
        }
        OptionalInt busNumber = OptionalInt.empty();
        if (bus != null) {
            if (!bus.matches("\\d{1,9}")) {
                throw new UsbAddressSet.Refused("Cannot parse <address> 'bus' attribute: '" + bus + "'");
            }
            busNumber = OptionalInt.of(Integer.parseInt(bus));
        }
        return new WrittenUsb(busNumber, port == null ? Optional.empty() : UsbAddressSet.parsePort(port));
    }

    private static Optional<SourcePosition> positionOf(Object device) {
        if (device instanceof ResolvedDisk disk) {
            return disk.position();
        }
        if (device instanceof ResolvedDevice resolved) {
            return resolved.position();
        }
        if (device instanceof ResolvedController controller) {
            return controller.position();
        }
        return Optional.empty();
    }

    /** The USB address libvirt gives a disk. */
    UsbAddressSet.UsbAddress usbAddress(ResolvedDisk disk) {
        return usbAddresses.getOrDefault(disk, FIRST_PORT);
    }

    private static final UsbAddressSet.UsbAddress FIRST_PORT = new UsbAddressSet.UsbAddress(0, List.of(1));

    /** Ports of a USB controller's root hub (libvirt's counts per model; an EHCI's companions have none). */
    private static int usbPorts(ResolvedController usb) {
        OptionalInt ports = usb.ports();
        return switch (usb.model()) {
            case "none", "ich9-uhci1", "ich9-uhci2", "ich9-uhci3" -> 0;
            case "ehci", "ich9-ehci1" -> 6;
            case "pci-ohci" -> 3;
            case "qemu-xhci", "nec-xhci" -> ports.orElse(4);
            default -> 2;
        };
    }

    static String escapeCommas(String value) {
        return value.replace(",", ",,");
    }

    /** Whether the machine's first ICH9 sound card gets 00:1b.0, where real Q35 boards have their HD audio. */
    static boolean takesIch9Slot(ResolvedDomain domain, ResolvedDevice sound) {
        return domain.family() == MachineFamily.Q35 && sound.model().equals("ich9") && sound.pciAddress().isEmpty()
                && domain.peripherals("sound").stream().filter(s -> s.model().equals("ich9") && s.pciAddress().isEmpty())
                        .findFirst().map(first -> first == sound).orElse(false);
    }
}
