package dev.domxml.pve;

import dev.domxml.args.CommandLine;
import dev.domxml.report.Diagnostic;
import dev.domxml.report.Severity;
import dev.domxml.report.SourcePosition;
import dev.domxml.xml.InputException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.StringJoiner;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The command line Proxmox VE's qemu-server builds for a config, in its own spelling ({@code -drive
 * if=none}, machine versions below 10.0): storage exactly as Proxmox writes it (controllers
 * {@code scsihw0}/{@code virtioscsiN} written before their first disk, {@code iothread-virtioscsiN} only
 * for virtio-scsi-single, {@code drive-scsiN}, lun = disk index, bootindex 100.., {@code rotation_rate=1}
 * for ssd, Proxmox's fixed PCI slots and its pci.1-pci.3 bridges); the rest (machine, memory, vCPUs, NICs)
 * in a plain form QEMU runs. Each option remembers the config line it came from.
 */
public final class PveArgs {
    public static final String NOTE = "pve-input";
    static final String BINARY = "/usr/bin/kvm";
    private static final Pattern MACHINE = Pattern.compile("(pc|pc-i440fx-\\d+\\.\\d+)(\\+pve\\d+)?(,.*)?");
    private static final Pattern NET = Pattern.compile("(virtio|e1000|e1000e|rtl8139|vmxnet3)(?:=([0-9A-Fa-f:]{17}))?");
    private static final Map<String, String> NIC_DRIVERS = Map.of("virtio", "virtio-net-pci", "e1000", "e1000",
            "e1000e", "e1000e", "rtl8139", "rtl8139", "vmxnet3", "vmxnet3");

    /** The options, each with the config line it was written for; notes about what was assumed. */
    public record Generated(CommandLine commandLine, List<SourcePosition> origins, List<Diagnostic> notes) {
        public Generated {
            origins = List.copyOf(origins);
            notes = List.copyOf(notes);
        }
    }

    private final PveConfig config;
    private final PveStorage storage;
    private final List<CommandLine.Option> options = new ArrayList<>();
    private final List<SourcePosition> origins = new ArrayList<>();
    private final List<Diagnostic> notes = new ArrayList<>();
    private final SourcePosition fileStart;
    private final boolean absolutePaths;

    private PveArgs(PveConfig config, PveStorage storage, boolean absolutePaths) {
        this.config = config;
        this.storage = storage;
        this.absolutePaths = absolutePaths;
        this.fileStart = new SourcePosition(config.file(), 1, 1);
    }

    public static Generated generate(PveConfig config, PveStorage storage) throws InputException {
        return generate(config, storage, false);
    }

    /**
     * With {@code absolutePaths}, an unmapped volume id becomes {@code /ID:VOLUME}: domain XML and the model need
     * an absolute path, and QEMU would take a bare {@code ID:} for a protocol name.
     */
    public static Generated generate(PveConfig config, PveStorage storage, boolean absolutePaths)
            throws InputException {
        PveArgs args = new PveArgs(config, storage, absolutePaths);
        args.build();
        // the model is libvirt's view, and libvirt knows QEMU by its own name, not Proxmox's /usr/bin/kvm
        String binary = absolutePaths ? "/usr/bin/qemu-system-x86_64" : BINARY;
        return new Generated(new CommandLine(binary, args.options), args.origins, args.notes);
    }

    private void add(String name, String value, SourcePosition origin) {
        options.add(new CommandLine.Option(name, value));
        origins.add(origin);
    }

    private SourcePosition at(String key) {
        return config.line(key).map(PveConfig.Line::position).orElse(fileStart);
    }

    private void build() throws InputException {
        int vmid = config.vmid();
        String name = config.value("name").orElse("vm" + vmid);
        add("-name", name.replace(",", ",,") + ",debug-threads=on", at("name"));
        add("-nodefaults", null, fileStart);
        add("-machine", machine(), at("machine"));
        add("-smp", smp(), config.line("cores").or(() -> config.line("sockets")).map(PveConfig.Line::position)
                .orElse(fileStart));
        add("-m", memory(), at("memory"));
        uuid().ifPresent(uuid -> add("-uuid", uuid, at("smbios1")));

        Map<String, Integer> bootOrder = bootOrder();
        Set<Integer> bridges = new LinkedHashSet<>(List.of(1, 2));
        if (config.scsihw().startsWith("virtio-scsi-single")) {
            bridges.add(3);
        }
        // controllers on pci.4 (scsihw2..4, lsi with more than 14 disks) need that bridge, and it sits on pci.1
        if (!config.virtioScsiSingle()
                && config.disks().stream().anyMatch(d -> d.bus() == PveBus.SCSI && controllerIndex(d) >= 2)) {
            bridges.add(4);
        }
        for (int k : bridges) {
            String addr = switch (k) {
                case 1 -> "bus=pci.0,addr=0x1e";
                case 2 -> "bus=pci.0,addr=0x1f";
                case 3 -> "bus=pci.0,addr=0x5";
                default -> "bus=pci.1,addr=0x1c";
            };
            add("-device", "pci-bridge,id=pci." + k + ",chassis_nr=" + k + "," + addr,
                    k == 3 ? at("scsihw") : fileStart);
        }
        add("-device", "piix3-usb-uhci,id=uhci,bus=pci.0,addr=0x1.0x2", fileStart);
        add("-device", "VGA,id=vga,bus=pci.0,addr=0x2", at("vga"));
        if (!config.value("balloon").map("0"::equals).orElse(false)) {
            add("-device", "virtio-balloon-pci,id=balloon0,bus=pci.0,addr=0x3", at("balloon"));
        }

        Set<String> controllers = new java.util.HashSet<>();
        int iothreadInsert = options.size();
        for (PveDisk disk : config.disks()) {
            disk(disk, vmid, bootOrder, controllers);
        }
        nets(bootOrder);
        // qemu-server puts the -object iothread options with the general ones, before every -device
        List<Integer> objects = new ArrayList<>();
        for (int i = 0; i < options.size(); i++) {
            if (options.get(i).name().equals("-object")) {
                objects.add(i);
            }
        }
        for (int n = 0; n < objects.size(); n++) {
            int from = objects.get(n);
            CommandLine.Option o = options.remove(from);
            SourcePosition p = origins.remove(from);
            options.add(iothreadInsert + n, o);
            origins.add(iothreadInsert + n, p);
        }
    }

    private String machine() throws InputException {
        Optional<PveConfig.Line> line = config.line("machine");
        if (line.isEmpty()) {
            return "type=pc";
        }
        Matcher m = MACHINE.matcher(line.get().value());
        if (!m.matches()) {
            throw new InputException(line.get().valuePosition(), "machine '" + line.get().value()
                    + "': domxml writes Proxmox VE command lines for i440fx machines (pc, pc-i440fx-X.Y) only;"
                    + " q35 is not supported yet");
        }
        return "type=" + m.group(1) + (m.group(2) == null ? "" : m.group(2));
    }

    private String smp() {
        int sockets = intValue("sockets", 1);
        int cores = intValue("cores", 1);
        int max = sockets * cores;
        int online = intValue("vcpus", max);
        return online + ",sockets=" + sockets + ",cores=" + cores + ",maxcpus=" + max;
    }

    private String memory() {
        String memory = config.value("memory").orElse("512");
        Matcher m = Pattern.compile("(?:current=)?(\\d+).*").matcher(memory);
        return m.matches() ? m.group(1) : "512";
    }

    private int intValue(String key, int fallback) {
        return config.value(key).filter(v -> v.matches("\\d{1,4}")).map(Integer::parseInt).filter(v -> v > 0)
                .orElse(fallback);
    }

    private Optional<String> uuid() {
        return config.value("smbios1").flatMap(v -> {
            Matcher m = Pattern.compile("(?:^|,)uuid=([0-9a-fA-F-]{36})(?:,|$)").matcher(v);
            return m.find() ? Optional.of(m.group(1)) : Optional.empty();
        });
    }

    /** {@code boot: order=a;b;c} gives 100, 101, ...; the legacy {@code boot: cdn} gives disk 100, CD 200+, NIC 300+. */
    private Map<String, Integer> bootOrder() {
        Map<String, Integer> order = new HashMap<>();
        String boot = config.value("boot").orElse("");
        Matcher explicit = Pattern.compile("(?:^|,)order=([^,]*)").matcher(boot);
        if (explicit.find()) {
            int i = 100;
            for (String dev : explicit.group(1).split(";")) {
                if (!dev.isBlank()) {
                    order.put(dev.strip(), i++);
                }
            }
            return order;
        }
        Matcher legacy = Pattern.compile("(?:^|,)(?:legacy=)?([acdn]+)(?:,|$)").matcher(boot);
        String letters = legacy.find() ? legacy.group(1) : "cdn";
        Map<Character, Integer> next = new HashMap<>();
        for (int i = 0; i < letters.length(); i++) {
            next.put(letters.charAt(i), (i + 1) * 100);
        }
        String bootdisk = config.value("bootdisk").orElse("");
        for (PveDisk disk : config.disks()) {
            if (disk.cdrom()) {
                if (next.containsKey('d')) {
                    order.put(disk.key(), next.merge('d', 1, Integer::sum) - 1);
                }
            } else if (next.containsKey('c')) {
                if (bootdisk.equals(disk.key())) {
                    order.put(disk.key(), next.get('c'));
                }
                next.merge('c', 1, Integer::sum);
            }
        }
        if (next.containsKey('n')) {
            for (int i = 0; i < 32; i++) {
                if (config.line("net" + i).isPresent()) {
                    order.put("net" + i, next.merge('n', 1, Integer::sum) - 1);
                }
            }
        }
        return order;
    }

    /** Disks per controller: lsi 7, virtio-scsi-single 1, the others 256 (qemu-server's scsihw_infos). */
    private int maxDev() {
        String hw = config.scsihw();
        return hw.startsWith("lsi") ? 7 : hw.equals("virtio-scsi-single") ? 1 : 256;
    }

    private int controllerIndex(PveDisk disk) {
        return disk.index() / maxDev();
    }

    private String controllerId(PveDisk disk) {
        return (config.virtioScsiSingle() ? "virtioscsi" : "scsihw") + controllerIndex(disk);
    }

    private void disk(PveDisk disk, int vmid, Map<String, Integer> bootOrder, Set<String> controllers)
            throws InputException {
        SourcePosition where = disk.position();
        if (disk.bus() == PveBus.SCSI) {
            String controller = controllerId(disk);
            String iothread = "";
            String queues = "";
            if (config.virtioScsiSingle() && disk.iothread()) {
                iothread = ",iothread=iothread-" + controller;
                add("-object", "iothread,id=iothread-" + controller, disk.positionOf("iothread"));
            }
            if (config.virtioScsiSingle() && disk.queues().isPresent()) {
                queues = ",num_queues=" + disk.queues().getAsInt();
            }
            if (controllers.add(controller)) {
                String type = config.scsihw().startsWith("virtio-scsi") ? "virtio-scsi-pci" : controllerDriver();
                add("-device", type + ",id=" + controller + "," + pciAddress(controller) + iothread + queues,
                        config.virtioScsiSingle() ? where
                                : config.line("scsihw").map(PveConfig.Line::position).orElse(where));
            }
        } else if (disk.bus() == PveBus.SATA) {
            String controller = "ahci" + disk.index() / PveBus.SATA.max();
            if (controllers.add(controller)) {
                add("-device", "ahci,id=" + controller + ",multifunction=on,bus=pci.0,addr=0x7", where);
            }
        } else if (disk.bus() == PveBus.VIRTIO && disk.iothread()) {
            add("-object", "iothread,id=iothread-" + disk.key(), disk.positionOf("iothread"));
        }
        add("-drive", drive(disk, vmid), where);
        add("-device", device(disk, bootOrder), where);
    }

    private String controllerDriver() {
        return switch (config.scsihw()) {
            case "lsi" -> "lsi";
            case "lsi53c810" -> "lsi53c810";
            case "megasas" -> "megasas";
            case "pvscsi" -> "pvscsi";
            default -> "lsi";
        };
    }

    /** qemu-server's fixed slots (PCI.pm): scsihw0 0x5, scsihw1 0x6, scsihw2..4 on pci.4, virtioscsiN on pci.3. */
    private static String pciAddress(String controller) {
        Matcher m = Pattern.compile("(scsihw|virtioscsi)(\\d+)").matcher(controller);
        m.matches();
        int n = Integer.parseInt(m.group(2));
        if (m.group(1).equals("virtioscsi")) {
            return "bus=pci.3,addr=0x" + Integer.toHexString(n + 1);
        }
        return switch (n) {
            case 0 -> "bus=pci.0,addr=0x5";
            case 1 -> "bus=pci.0,addr=0x6";
            default -> "bus=pci.4,addr=0x" + Integer.toHexString(n - 1);
        };
    }

    private String drive(PveDisk disk, int vmid) {
        PveStorage.Resolved resolved = disk.volume().equals("none") ? null : storage.resolve(disk, vmid);
        if (resolved != null && !resolved.mapped()) {
            notes.add(new Diagnostic(Severity.WARNING, NOTE, disk.key() + ": storage '" + storageId(disk.volume())
                    + "' is not mapped (give --storage ID=PATH-PREFIX or --storage-cfg FILE): the volume id '"
                    + disk.volume() + "' is used as its path" + (absolutePaths ? " (as /" + disk.volume() + ")" : ""),
                    Optional.of(disk.position())));
        }
        StringJoiner opts = new StringJoiner(",");
        if (resolved != null) {
            String path = absolutePaths && !resolved.mapped() ? "/" + resolved.path() : resolved.path();
            opts.add("file=" + path.replace(",", ",,"));
        }
        opts.add("if=none").add("id=drive-" + disk.key());
        for (String o : List.of("media", "cache", "rerror", "werror", "discard")) {
            disk.option(o).ifPresent(v -> opts.add(o + "=" + v));
        }
        if (disk.option("ro").isPresent()) {
            opts.add("readonly=" + (disk.flag("ro") ? "on" : "off"));
        }
        if (resolved != null) {
            opts.add("format=" + resolved.format());
        }
        Optional<PveStorage.Storage> store = resolved == null ? Optional.empty() : resolved.storage();
        boolean direct = disk.cacheDirect(store);
        if (disk.cache().isEmpty() && direct) {
            opts.add("cache=none");
        }
        opts.add("aio=" + aio(disk, store, direct));
        if (!disk.cdrom()) {
            opts.add("detect-zeroes=" + detectZeroes(disk));
        }
        return opts.toString();
    }

    private static String storageId(String volume) {
        int colon = volume.indexOf(':');
        return colon > 0 ? volume.substring(0, colon) : volume;
    }

    /** Proxmox's aio: as written, else io_uring, except on LVM, CIFS and krbd without O_DIRECT. */
    static String aio(PveDisk disk, Optional<PveStorage.Storage> storage, boolean direct) {
        if (disk.aio().isPresent()) {
            return disk.aio().get();
        }
        return ioUringAllowed(storage, direct) ? "io_uring" : direct ? "native" : "threads";
    }

    static boolean ioUringAllowed(Optional<PveStorage.Storage> storage, boolean direct) {
        if (storage.isEmpty()) {
            return true;
        }
        PveStorage.Storage s = storage.get();
        return !(s.type().equals("rbd") && s.krbd() && !direct) && !s.type().equals("lvm") && !s.type().equals("cifs");
    }

    private static String detectZeroes(PveDisk disk) {
        if (disk.option("detect_zeroes").isPresent() && !disk.flag("detect_zeroes")) {
            return "off";
        }
        if (disk.option("discard").isPresent()) {
            return disk.option("discard").get().equals("on") ? "unmap" : "on";
        }
        return "on";
    }

    private String device(PveDisk disk, Map<String, Integer> bootOrder) {
        StringBuilder d = new StringBuilder();
        String type = disk.cdrom() ? "cd" : "hd";
        switch (disk.bus()) {
            case VIRTIO -> {
                d.append("virtio-blk-pci,drive=drive-").append(disk.key()).append(",id=").append(disk.key())
                        .append(',').append(virtioAddress(disk.index()));
                if (disk.iothread()) {
                    d.append(",iothread=iothread-").append(disk.key());
                }
            }
            case SCSI -> {
                String controller = controllerId(disk);
                String hw = config.scsihw();
                if (hw.startsWith("lsi") || hw.equals("pvscsi")) {
                    d.append("scsi-").append(type).append(",bus=").append(controller).append(".0,scsi-id=")
                            .append(disk.index() % maxDev());
                } else {
                    d.append("scsi-").append(type).append(",bus=").append(controller)
                            .append(".0,channel=0,scsi-id=0,lun=").append(disk.index());
                }
                d.append(",drive=drive-").append(disk.key()).append(",id=").append(disk.key());
                if (disk.ssd() && !disk.cdrom()) {
                    d.append(",rotation_rate=1");
                }
                disk.option("wwn").ifPresent(w -> d.append(",wwn=").append(w));
                disk.option("vendor").ifPresent(v -> d.append(",vendor=").append(v));
                disk.option("product").ifPresent(v -> d.append(",product=").append(v));
            }
            case IDE, SATA -> {
                d.append("ide-").append(type);
                if (disk.bus() == PveBus.IDE) {
                    d.append(",bus=ide.").append(disk.index() / 2).append(",unit=").append(disk.index() % 2);
                } else {
                    d.append(",bus=ahci").append(disk.index() / PveBus.SATA.max()).append('.')
                            .append(disk.index() % PveBus.SATA.max());
                }
                d.append(",drive=drive-").append(disk.key()).append(",id=").append(disk.key());
                if (type.equals("hd") && disk.ssd()) {
                    d.append(",rotation_rate=1");
                }
                disk.option("wwn").ifPresent(w -> d.append(",wwn=").append(w));
            }
            default -> throw new IllegalStateException(disk.bus().name());
        }
        Integer boot = bootOrder.get(disk.key());
        if (boot != null) {
            d.append(",bootindex=").append(boot);
        }
        disk.option("serial").ifPresent(s -> d.append(",serial=").append(urlDecode(s).replace(",", ",,")));
        return d.toString();
    }

    /** virtio0..5 on pci.0 0xa..0xf, virtio6..15 on pci.2 0x1..0xa. */
    private static String virtioAddress(int index) {
        return index < 6 ? "bus=pci.0,addr=0x" + Integer.toHexString(10 + index)
                : "bus=pci.2,addr=0x" + Integer.toHexString(index - 5);
    }

    private static String urlDecode(String s) {
        try {
            return java.net.URLDecoder.decode(s.replace("+", "%2B"), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return s;
        }
    }

    /** netN: MODEL=MAC,bridge=... as a user-mode backend (a tap needs Proxmox's bridge scripts) and the NIC. */
    private void nets(Map<String, Integer> bootOrder) {
        for (int i = 0; i < 32; i++) {
            Optional<PveConfig.Line> line = config.line("net" + i);
            if (line.isEmpty()) {
                continue;
            }
            String first = line.get().value().split(",")[0];
            Matcher m = NET.matcher(first);
            if (!m.matches()) {
                notes.add(new Diagnostic(Severity.WARNING, NOTE, "net" + i + ": model '" + first + "' is not converted",
                        Optional.of(line.get().position())));
                continue;
            }
            String mac = m.group(2) != null ? m.group(2) : String.format("BC:24:11:00:%02X:%02X", config.vmid() % 256, i);
            String addr = i < 6 ? "bus=pci.0,addr=0x" + Integer.toHexString(18 + i)
                    : "bus=pci.1,addr=0x" + Integer.toHexString(i - 5);
            add("-netdev", "type=user,id=net" + i, line.get().position());
            StringBuilder dev = new StringBuilder(NIC_DRIVERS.get(m.group(1))).append(",mac=").append(mac)
                    .append(",netdev=net").append(i).append(',').append(addr).append(",id=net").append(i);
            Integer boot = bootOrder.get("net" + i);
            if (boot != null) {
                dev.append(",bootindex=").append(boot);
            }
            add("-device", dev.toString(), line.get().position());
        }
    }
}
