package dev.domxml.qemu;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.domxml.model.BalloonDevice;
import dev.domxml.model.BlockNode;
import dev.domxml.model.BootOptions;
import dev.domxml.model.ChsGeometry;
import dev.domxml.model.DeviceAddress;
import dev.domxml.model.Device;
import dev.domxml.model.Clock;
import dev.domxml.model.DiskDevice;
import dev.domxml.model.MemoryHotplug;
import dev.domxml.model.Display;
import dev.domxml.model.DiskFrontend;
import dev.domxml.model.DiskTuning;
import dev.domxml.model.FloppyAddress;
import dev.domxml.model.FloppyController;
import dev.domxml.model.FormatNode;
import dev.domxml.model.NetworkNode;
import dev.domxml.model.FilterNode;
import dev.domxml.model.Firmware;
import dev.domxml.model.GenericDevice;
import dev.domxml.model.IdeAddress;
import dev.domxml.model.HostMemoryPolicy;
import dev.domxml.model.IoThread;
import dev.domxml.model.Machine;
import dev.domxml.model.MachineFamily;
import dev.domxml.model.NetworkDevice;
import dev.domxml.model.Passthrough;
import dev.domxml.model.PciAddress;
import dev.domxml.model.SpaprVioAddress;
import dev.domxml.model.PciBridge;
import dev.domxml.model.NumaNode;
import dev.domxml.model.RamBacking;
import dev.domxml.model.PciExpanderBus;
import dev.domxml.model.PciePort;
import dev.domxml.model.ProtocolNode;
import dev.domxml.model.ScsiAddress;
import dev.domxml.model.Smp;
import dev.domxml.model.StorageController;
import dev.domxml.model.SystemInfo;
import dev.domxml.model.StorageControllerKind;
import dev.domxml.model.UsbAddress;
import dev.domxml.model.UsbController;
import dev.domxml.model.VirtioOptions;
import dev.domxml.model.VirtualMachine;
import dev.domxml.report.Diagnostic;
import dev.domxml.report.SourceMap;
import dev.domxml.report.SourcePosition;
import dev.domxml.xml.InputException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a QEMU command line into the model: the forms libvirt 9.0 writes (JSON {@code -device} and
 * {@code -blockdev}), the forms Proxmox VE writes ({@code -drive if=none} plus {@code -device ...,drive=})
 * and what people write by hand ({@code -drive if=virtio}, key=value {@code -blockdev}). References are
 * resolved (device → drive or block node chain, SCSI device → bus → controller, controller or
 * virtio-blk → iothread); one that names nothing is an error at its option. Options the model has no
 * place for are kept ({@link Result#leftOut()}) and reported, one warning per kind.
 *
 * <p>The {@link SourceMap} maps each device, controller and iothread id to the position of the option
 * that made it, so that lint rules over the model point at the command line; {@code -cpu} and the
 * binary ({@link #BINARY}) are there under those names (QEMU ids never start with '-').
 */
public final class CommandLineReader {
    public static final String NOT_MODELLED = "args-not-modelled";
    public static final String ASSUMED = "args-assumption";
    public static final String UNUSED = "args-unused";
    static final String DEFAULT_EMULATOR = "/usr/bin/qemu-system-x86_64";
    /** The {@link SourceMap} key of the binary's position (options are keyed by name: {@code -cpu}). */
    public static final String BINARY = "-binary";

    private static final Pattern TSEG = Pattern.compile("mch\\.extended-tseg-mbytes=(\\d{1,12})");
    private static final Pattern ENV = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*=.*");
    private static final Pattern UUID = Pattern.compile(
            "[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}");
    private static final Pattern SIZE = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*([kKmMgGtT]?)[bB]?");
    private static final Pattern PVE_MACHINE = Pattern.compile("(.+)\\+pve\\d+");
    private static final Pattern VERSIONED = Pattern.compile("pc-(i440fx|q35)-\\d+\\.\\d+|pc-\\d+\\.\\d+");

    /** Ports: one slot each, for one device. */
    private static final Set<String> ROOT_PORTS = Set.of("pcie-root-port", "ioh3420", "xio3130-downstream");
    private static final Set<String> BRIDGES = Set.of("pci-bridge", "pcie-pci-bridge");
    /** Buses whose every slot, 0 included, takes a device: DMI bridge, switch upstream port, expander buses. */
    private static final Set<String> FULL_BUSES = Set.of("i82801b11-bridge", "x3130-upstream", "pxb", "pxb-pcie");
    private static final Set<String> USB = Set.of("piix3-usb-uhci", "piix4-usb-uhci", "qemu-xhci", "nec-usb-xhci",
            "usb-ehci", "ich9-usb-ehci1", "pci-ohci", "vt82c686b-usb-uhci");
    private static final Map<String, StorageControllerKind> CONTROLLER_ALIASES = Map.of(
            "lsi53c895a", StorageControllerKind.LSI);
    private static final Set<String> SCSI_DISKS = Set.of("scsi-hd", "scsi-cd", "scsi-block");
    private static final Set<String> IDE_DISKS = Set.of("ide-hd", "ide-cd");
    private static final Set<String> VIRTIO_DISKS = Set.of("virtio-blk-pci", "virtio-blk-pci-non-transitional",
            "virtio-blk-pci-transitional");
    private static final Set<String> NICS = Set.of("virtio-net-pci", "e1000", "e1000e", "rtl8139", "vmxnet3");
    private static final Set<String> VIDEO = Set.of("VGA", "cirrus-vga", "virtio-vga", "qxl-vga", "qxl", "bochs-display",
            "virtio-gpu-pci", "virtio-vga-gl", "virtio-gpu-gl-pci");
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The backend property each of these devices cannot do without. */
    private static final Map<String, String> BACKEND_REQUIRED = Map.of(
            "virtio-9p-pci", "fsdev", "vhost-user-fs-pci", "chardev", "ivshmem-plain", "memdev", "ivshmem-doorbell", "chardev",
            "virtserialport", "chardev", "virtconsole", "chardev", "isa-parallel", "chardev");
    /** Devices read as written (their properties kept as they are), by what they are for. */
    private static final Map<String, GenericDevice.Kind> PERIPHERALS = peripheralKinds();
    /** Those of them that sit on PCI. */
    private static final Set<String> PCI_PERIPHERALS = Set.of("virtio-9p-pci", "vhost-user-fs-pci", "virtio-tablet-pci",
            "virtio-keyboard-pci", "virtio-mouse-pci", "virtio-input-host-pci", "intel-hda", "ich9-intel-hda", "AC97",
            "ES1370", "i6300esb", "virtio-rng-pci", "ivshmem-plain", "ivshmem-doorbell", "vhost-vsock-pci",
            "ich9-usb-uhci1", "ich9-usb-uhci2", "ich9-usb-uhci3", "vfio-pci", "vfio-pci-nohotplug", "virtio-iommu",
            "virtio-iommu-pci", "pci-serial");
    /** Properties of those devices that are numbers (key=value spells them as text, JSON as numbers). */
    private static final Set<String> INTEGER_PROPERTIES = Set.of("index", "vgamem", "vgamem_mb", "max_outputs", "ram_size",
            "vram_size", "vram64_size_mb", "xres", "yres", "max_hostmem", "cad", "nr", "max-bytes", "period", "vectors",
            "guest-cid", "size", "firstport", "ioport", "iobase", "irq", "bootindex", "rombar", "node", "slot", "addr",
            "label-size", "align", "aw-bits", "channel", "scsi-id", "lun", "queue-size");
    /** ... and those that are switches (key=value says on/off, JSON true/false). */
    private static final Set<String> BOOLEAN_PROPERTIES = Set.of("ioeventfd", "share", "iommu_platform", "ats", "packed",
            "page-per-vq", "guest-reset", "guest-resets-all", "ramfb", "verify-peer", "repeat", "grab_all", "prealloc",
            "pmem", "unarmed", "caching-mode", "device-iotlb", "discard-data", "read-only");
    /** Options a line gives once ({@link #refuseRepeat}). */
    private static final Set<String> ONCE = Set.of("-m", "-smp", "-name", "-uuid", "-cpu");
    /** The keys of a device's PCI address, the ACPI index written with it included. */
    private static final Set<String> PCI_ADDRESS_KEYS = Set.of("bus", "addr", "multifunction", "acpi-index");
    /** An sPAPR VIO address is a uint32. */
    private static final NumberRange SPAPR_VIO_REG = NumberRange.of(0, 0xffffffffL);
    /** QEMU 7.2's limits: virtio-scsi takes 1-1022 queues (VIRTIO_QUEUE_MAX - 2), virtio-blk 1-1024. */
    private static final NumberRange VIRTIO_SCSI_QUEUES = NumberRange.of(1, 1022);
    private static final NumberRange VIRTIO_BLK_QUEUES = NumberRange.of(1, 1024);
    private static final NumberRange VIRTIO_QUEUE_SIZE = NumberRange.of(0, 1024);
    private static final NumberRange BLOCK_SIZE = NumberRange.of(0, 2 * 1024 * 1024);
    private static final NumberRange FLOPPY_UNIT = NumberRange.of(0, 1);
    /** A pci-bridge's chassis_nr is a uint8 and 0 means "not specified", which QEMU refuses. */
    private static final NumberRange CHASSIS_NR = NumberRange.of(1, 255);
    /** Options libvirt writes for every guest, which say nothing about the guest itself. */
    private static final Set<String> HOUSEKEEPING = Set.of("-S", "-no-user-config", "-nodefaults", "-no-shutdown",
            "-msg", "-sandbox", "-daemonize", "-pidfile");
    /** Housekeeping with the value libvirt always writes; another value is reported. */
    private static final Map<String, String> HOUSEKEEPING_VALUES = Map.of();
    /** libvirt's suspend switches: PIIX4_PM.disable_s3=1, ICH9-LPC.disable_s4=0, ... */
    private static final Pattern SUSPEND = Pattern.compile("(PIIX4_PM|ICH9-LPC)\\.disable_s([34])=([01])");
    /** The root bus's 64-bit PCI hole, on the host bridge of either machine: i440FX-pcihost.pci-hole64-size=1048576K. */
    private static final Pattern PCI_HOLE64 = Pattern.compile("(?:i440FX|q35)-pcihost\\.pci-hole64-size=(\\d{1,18})K");
    private static final Pattern ROOT_HOTPLUG = Pattern.compile("PIIX4_PM\\.acpi-root-pci-hotplug=(on|off)");
    /** -audiodev settings that are switches or numbers: key=value spells them as text, JSON as what they are. */
    private static final Set<String> AUDIO_SWITCHES = Set.of("mixing-engine", "fixed-settings", "exact-name", "try-poll",
            "try-mmap", "exclusive");
    private static final Set<String> AUDIO_NUMBERS = Set.of("timer-period", "voices", "buffer-length", "frequency",
            "channels", "buffer-count", "latency", "dsp-policy");

    /**
     * The model, where each of its ids was written, what was reported, the options left out, and the
     * line as written: the words before the first option (environment, binary) and every option in order.
     */
    public record Result(VirtualMachine model, SourceMap sources, List<Diagnostic> warnings, List<QemuOption> leftOut,
            List<Word> prefix, List<QemuOption> options) {
        public Result {
            leftOut = List.copyOf(leftOut);
            prefix = List.copyOf(prefix);
            options = List.copyOf(options);
        }
    }

    private final SourceText source;
    private final ReadContext context;
    private final BlockGraph blocks;
    private final Map<String, SourcePosition> origins = new LinkedHashMap<>();
    private List<Word> prefix = List.of();
    private List<QemuOption> options = List.of();

    private String emulator = DEFAULT_EMULATOR;
    private Optional<String> name = Optional.empty();
    private Optional<String> uuid = Optional.empty();
    private Optional<String> generationId = Optional.empty();
    private final List<String> smbiosTables = new ArrayList<>();
    private final List<String> firmwareConfig = new ArrayList<>();
    /** Firmware: {@code -bios}, flash images in unit order, the secure flash switch; SMM and its TSEG. */
    private Optional<String> bios = Optional.empty();
    private Optional<String> kernel = Optional.empty();
    private Optional<String> initrd = Optional.empty();
    private Optional<String> append = Optional.empty();
    private Optional<String> dtb = Optional.empty();
    private boolean serialFirmware;
    private final List<Firmware.FlashImage> flash = new ArrayList<>();
    private boolean secureFlash;
    private Optional<Boolean> smm = Optional.empty();
    private OptionalLong tsegMiB = OptionalLong.empty();
    private Optional<OptionValue> machine = Optional.empty();
    private Optional<String> accel = Optional.empty();
    private Optional<Long> memoryBytes = Optional.empty();
    private Optional<MemoryHotplug> memoryHotplug = Optional.empty();
    private Optional<Long> backendBytes = Optional.empty();
    /** Memory backends other than the one for all of RAM: NUMA nodes' shares, by id. */
    private final Map<String, Long> ramBackends = new LinkedHashMap<>();
    /** The memory-backend-ram objects by id, for the memory modules that name one. */
    private final Map<String, OptionValue> ramObjects = new HashMap<>();
    /** What holds each guest RAM backend (anonymous RAM, a file, a memfd), by backend id. */
    private final Map<String, RamBacking> ramBackings = new HashMap<>();
    /** The host NUMA binding of each memory-backend-ram that has one, by backend id. */
    private final Map<String, HostMemoryPolicy> ramPolicies = new HashMap<>();
    private final List<NumaDraft> numaDrafts = new ArrayList<>();
    /** {@code -numa hmat-lb} and {@code -numa hmat-cache}, in the order given. */
    private final List<Machine.Hmat.Link> hmatLinks = new ArrayList<>();
    private final List<Machine.Hmat.Cache> hmatCaches = new ArrayList<>();
    /** {@code -numa dist}: distance by source node, then destination node. */
    private final Map<Integer, Map<Integer, Integer>> numaDistances = new HashMap<>();

    private static final NumberRange VCPU_ID = NumberRange.of(0, 4095);

    private record NumaDraft(int nodeId, List<Integer> cpus, String memdev, OptionalInt initiator,
            SourcePosition position) {}
    private Optional<OptionValue> smp = Optional.empty();
    private String cpu = "qemu64";
    private Optional<OptionValue> boot = Optional.empty();
    private boolean acpi = true;
    private final List<Map<String, Object>> audiodevs = new ArrayList<>();
    private String rtc = "base=utc";
    private Optional<Boolean> vmport = Optional.empty();
    private Optional<String> kernelIrqchip = Optional.empty();
    private boolean memLocked;
    private boolean dumpGuestCore;
    private boolean memMerge = true;
    private Optional<Boolean> suspendToMem = Optional.empty();
    private Optional<Boolean> suspendToDisk = Optional.empty();
    private OptionalLong pciHole64KiB = OptionalLong.empty();
    private Optional<Boolean> rootPciHotplug = Optional.empty();
    private OptionalLong tbSizeMiB = OptionalLong.empty();
    private OptionalInt dirtyRingEntries = OptionalInt.empty();
    private Optional<IoThread> mainLoop = Optional.empty();
    private Optional<String> slicTable = Optional.empty();
    private Optional<String> pitTickPolicy = Optional.empty();
    private boolean noHpet;
    private final List<Display.Output> displayOutputs = new ArrayList<>();

    private final Map<String, IoThread> iothreads = new LinkedHashMap<>();
    private final List<Entry> entries = new ArrayList<>();
    private final Map<String, OptionValue> netdevs = new LinkedHashMap<>();
    private final Set<String> usedNetdevs = new HashSet<>();
    private final Map<String, OptionValue> chardevs = new LinkedHashMap<>();
    private final Set<String> usedChardevs = new HashSet<>();
    /** -fsdev and backend -object options (rng, shared memory) by id, and the ids a device used. */
    private final Map<String, OptionValue> backends = new LinkedHashMap<>();
    private final Set<String> usedBackends = new HashSet<>();
    private Optional<QemuOption> watchdogAction = Optional.empty();
    private final OptionalInt[] floppyBootIndexes = {OptionalInt.empty(), OptionalInt.empty()};
    private Optional<QemuOption> floppyGlobal = Optional.empty();
    private static final Pattern FDC_BOOT_INDEX = Pattern.compile("isa-fdc\\.bootindex([AB])=(\\d{1,9})");
    private final Map<String, OptionValue> deviceIds = new HashMap<>();
    private final Map<String, Integer> anonymous = new HashMap<>();
    private final Map<String, Integer> driveOrdinals = new HashMap<>();
    private final Map<String, QemuOption> onceOnly = new HashMap<>();

    /** A {@code -device}, or a {@code -drive if=virtio|scsi|ide} that is a device of its own. */
    private sealed interface Entry permits DeviceEntry, DriveEntry, SpeakerEntry, GuestForwardEntry {}

    /** The driver name an {@code -object input-linux} goes by among the devices: it has no {@code -device}. */
    private static final String INPUT_LINUX = "-object input-linux";

    private record DeviceEntry(OptionValue value, String driver, String id) implements Entry {}

    private record DriveEntry(BlockGraph.DriveSpec spec) implements Entry {}

    /** {@code -soundhw pcspk}: the PC speaker, numbered among the sound cards as libvirt numbers it. */
    private record SpeakerEntry(String id) implements Entry {}

    /** A {@code -netdev user} with guestfwd rules: a guestfwd channel unless a NIC uses it. */
    private record GuestForwardEntry(OptionValue value, String id) implements Entry {}

    private CommandLineReader(SourceText source) {
        this.source = source;
        this.context = new ReadContext(source);
        this.blocks = new BlockGraph(context);
    }

    public static Result read(String text, String fileName) throws InputException {
        return new CommandLineReader(new SourceText(fileName, text)).read();
    }

    private Result read() throws InputException {
        ArgvLexer.Lexed lexed = ArgvLexer.lex(source);
        context.warnAll(lexed.warnings());
        options = options(lexed.words());
        if (options.isEmpty()) {
            throw new InputException(source.position(0), "no QEMU options found: expected a command line such as"
                    + " 'qemu-system-x86_64 -machine pc -device ...'");
        }
        for (QemuOption option : options) {
            read(option);
        }
        return build();
    }

    /** Environment and binary first (both optional), then options each with its value. */
    private List<QemuOption> options(List<Word> words) throws InputException {
        int i = 0;
        if (!words.isEmpty() && (words.get(0).text().equals("env") || words.get(0).text().endsWith("/env"))) {
            i++; // env(1) VAR=value ... qemu: how domxml writes <qemu:env>
        }
        while (i < words.size() && ENV.matcher(words.get(i).text()).matches()) {
            i++;
        }
        if (i < words.size() && !words.get(i).text().startsWith("-")) {
            emulator = words.get(i).text();
            origins.put(BINARY, words.get(i).position());
            i++;
        }
        prefix = words.subList(0, i);
        List<QemuOption> options = new ArrayList<>();
        while (i < words.size()) {
            Word word = words.get(i);
            if (!word.text().startsWith("-") || word.text().length() < 2) {
                throw new InputException(word.position(), "unexpected '" + word.text() + "': QEMU options start with '-'"
                        + (options.isEmpty() ? "" : " (after " + options.get(options.size() - 1).shortText() + ")"));
            }
            String name = QemuOptions.normalize(word.text());
            if (QemuOptions.takesValue(name)) {
                if (i + 1 >= words.size()) {
                    throw new InputException(word.position(), name + " needs a value");
                }
                options.add(new QemuOption(name, word, Optional.of(words.get(i + 1))));
                i += 2;
            } else {
                options.add(new QemuOption(name, word, Optional.empty()));
                i++;
            }
        }
        return options;
    }

    private void read(QemuOption option) throws InputException {
        String value = option.valueText();
        refuseRepeat(option);
        switch (option.name()) {
            case "-name" -> {
                OptionValue v = OptionValue.parse(option);
                name = Optional.of(v.required("guest"));
                v.ignore("debug-threads");
                context.unusedKeys(v);
            }
            case "-uuid" -> {
                if (!UUID.matcher(value).matches()) {
                    throw new InputException(option.position(), "-uuid '" + value + "' is not a UUID");
                }
                uuid = Optional.of(value.toLowerCase(Locale.ROOT));
            }
            case "-smbios" -> {
                if (!value.matches("type=(0|1|2|3|11)(,.*)?")) {
                    context.notModelled(option, "-smbios " + value.split(",", 2)[0]);
                } else {
                    smbiosTables.add(value);
                }
            }
            case "-fw_cfg" -> {
                if (!value.matches("name=[^,]+,(string|file)=.*")) {
                    context.notModelled(option, "-fw_cfg " + value);
                } else {
                    firmwareConfig.add(value);
                }
            }
            case "-machine", "-M" -> {
                OptionValue v = OptionValue.parse(option);
                machine = Optional.of(machine.isEmpty() ? v : machine.get().mergedWith(v));
            }
            case "-accel" -> {
                OptionValue v = OptionValue.parse(option);
                accel = Optional.of(v.required("accel"));
                // tb-size=0 is QEMU's default size
                v.integer("tb-size", NumberRange.COUNT).stream().filter(mib -> mib > 0)
                        .forEach(mib -> tbSizeMiB = OptionalLong.of(mib));
                v.integer("dirty-ring-size", NumberRange.COUNT).stream().filter(n -> n > 0)
                        .forEach(n -> dirtyRingEntries = OptionalInt.of((int) n));
                context.unusedKeys(v);
            }
            case "-enable-kvm" -> accel = Optional.of("kvm");
            case "-m" -> {
                OptionValue v = OptionValue.parse(option);
                memoryBytes = Optional.of(size(v, v.required("size"), 1024 * 1024));
                if (v.has("maxmem")) {
                    long max = size(v, v.required("maxmem"), 1024 * 1024);
                    memoryHotplug = Optional.of(new MemoryHotplug(v.integer("slots", NumberRange.COUNT).orElse(0), max / 1024));
                }
                context.unusedKeys(v);
            }
            case "-smp" -> smp = Optional.of(OptionValue.parse(option));
            case "-numa" -> numa(option);
            case "-cpu" -> {
                cpu = value;
                origins.put("-cpu", option.position());
            }
            case "-boot" -> boot = Optional.of(OptionValue.parse(option));
            case "-no-acpi" -> acpi = false;
            case "-audiodev" -> audiodevs.add(audiodev(OptionValue.parse(option)));
            case "-vnc", "-spice" -> displayOutputs.add(new Display.Output(option.name(), value));
            case "-k" -> {
                // a keymap belongs to the VNC or SPICE display before it
                if (displayOutputs.stream().anyMatch(o -> o.option().equals("-vnc") || o.option().equals("-spice"))) {
                    displayOutputs.add(new Display.Output("-k", value));
                } else {
                    context.notModelled(option, option.shortText());
                }
            }
            case "-full-screen" -> displayOutputs.add(Display.Output.flag("-full-screen"));
            case "-rtc" -> rtc = value;
            case "-overcommit" -> {
                OptionValue v = OptionValue.parse(option);
                memLocked = v.bool("mem-lock").orElse(false);
                context.unusedKeys(v);
            }
            case "-no-hpet" -> noHpet = true;
            case "-display" -> {
                if (!value.equals("none")) {
                    displayOutputs.add(new Display.Output("-display", value));
                }
            }
            case "-object" -> object(OptionValue.parse(option));
            case "-device" -> device(OptionValue.parse(option));
            case "-blockdev" -> blocks.addBlockdev(OptionValue.parse(option));
            case "-drive" -> drive(OptionValue.parse(option));
            case "-netdev" -> {
                OptionValue v = OptionValue.parse(option);
                v.required("type");
                String id = v.required("id");
                if (netdevs.containsKey(id)) {
                    throw v.error("-netdev id '" + id + "' is already used at " + netdevs.get(id).position());
                }
                netdevs.put(id, v);
                if (v.has("guestfwd")) {
                    entries.add(new GuestForwardEntry(v, id));
                }
            }
            case "-chardev" -> {
                OptionValue v = OptionValue.parse(option);
                String id = v.required("id");
                if (chardevs.containsKey(id)) {
                    throw v.error("-chardev id '" + id + "' is already used at " + chardevs.get(id).position());
                }
                chardevs.put(id, v);
            }
            case "-mon" -> OptionValue.parse(option).text("chardev").ifPresent(usedChardevs::add);
            case "-global" -> global(option);
            case "-bios" -> bios = Optional.of(value);
            case "-kernel" -> kernel = Optional.of(value);
            case "-initrd" -> initrd = Optional.of(value);
            case "-append" -> append = Optional.of(value);
            case "-dtb" -> dtb = Optional.of(value);
            case "-fsdev" -> backend(OptionValue.parse(option));
            case "-watchdog-action" -> watchdogAction = Optional.of(option);
            case "-acpitable" -> acpiTable(option);
            case "-soundhw" -> soundhw(option);
            default -> {
                if (HOUSEKEEPING.contains(option.name())) {
                    return;
                }
                String expected = HOUSEKEEPING_VALUES.get(option.name());
                if (expected == null || !expected.equals(value)) {
                    context.notModelled(option, option.shortText());
                }
            }
        }
    }

    /**
     * QEMU takes these once: given again, it silently keeps the last value (or key), so a line that
     * repeats one says two things and is refused. {@code -machine} is not among them: QEMU merges its
     * repeats key by key, and so does {@link OptionValue#mergedWith}.
     */
    private void refuseRepeat(QemuOption option) throws InputException {
        if (!ONCE.contains(option.name())) {
            return;
        }
        QemuOption first = onceOnly.putIfAbsent(option.name(), option);
        if (first != null) {
            throw new InputException(option.position(), option.name() + " is given twice (first at "
                    + first.position().line() + ":" + first.position().column() + "); QEMU would silently take the last");
        }
    }

    private void object(OptionValue v) throws InputException {
        String type = v.required("qom-type");
        switch (type) {
            case "iothread" -> {
                String id = v.required("id");
                if (iothreads.containsKey(id)) {
                    throw v.error("-object iothread id '" + id + "' is already used at " + origins.get(id));
                }
                iothreads.put(id, new IoThread(id, v.integer("thread-pool-min", NumberRange.COUNT),
                        v.integer("thread-pool-max", NumberRange.COUNT)));
                origins.put(id, v.position());
                context.unusedKeys(v);
            }
            case "main-loop" -> {
                v.ignore("id");
                mainLoop = Optional.of(new IoThread("main-loop", v.integer("thread-pool-min", NumberRange.COUNT),
                        v.integer("thread-pool-max", NumberRange.COUNT)));
                context.unusedKeys(v);
            }
            case "secret" -> v.ignore("id", "format", "file", "data", "keyid", "iv");
            case "input-linux" -> {
                // a host input device: a device of the guest's, in the order of the -device options around it
                String id = v.required("id");
                claimId(id, v);
                entries.add(new DeviceEntry(v, INPUT_LINUX, id));
            }
            case "memory-backend-file" -> {
                // libvirt's backends of guest RAM (all of it, or a NUMA node's) are RAM; others serve a device
                String id = v.required("id");
                if (id.equals("pc.ram") || id.startsWith("ram-node")) {
                    ramBackend(v, id, RamBacking.Kind.FILE);
                } else {
                    backend(v);
                }
            }
            case "rng-random", "rng-builtin", "rng-egd", "tls-creds-x509" -> backend(v);
            case "pr-manager-helper" -> blocks.addPrManager(v);
            case "memory-backend-ram", "memory-backend-memfd" ->
                    ramBackend(v, v.text("id").orElse("pc.ram"), RamBacking.Kind.ofQomType(type).orElseThrow());
            default -> context.notModelled(v.option(), "-object " + type);
        }
    }

    /** A memory backend of guest RAM: its size, host binding and what holds it, by id. */
    private void ramBackend(OptionValue v, String id, RamBacking.Kind kind) throws InputException {
        Optional<Long> size = v.number("size", NumberRange.BYTES);
        hostMemoryPolicy(v).ifPresent(policy -> ramPolicies.put(id, policy));
        ramBackings.put(id, new RamBacking(kind, v.text("mem-path"), v.bool("discard-data"), v.bool("share"),
                v.bool("prealloc").orElse(false), v.integer("prealloc-threads", NumberRange.COUNT)));
        // libvirt keeps pc.ram's RAM block id as it was before memory backends: nothing to model
        v.ignore("x-use-canonical-path-for-ramblock-id");
        ramObjects.put(id, v);
        if (id.equals("pc.ram")) {
            backendBytes = size;
        } else {
            ramBackends.put(id, size.orElse(0L));
        }
        context.unusedKeys(v);
    }

    /** {@code -numa node,nodeid=N,cpus=A-B,cpus=C,memdev=ID}: one key per run of vCPUs, so read as written. */
    private void numa(QemuOption option) throws InputException {
        Word word = option.valueWord().orElseThrow();
        String[] items = word.text().split(",");
        if (items[0].equals("dist") || items[0].equals("type=dist")) {
            numaDistance(word, items);
            return;
        }
        if (items[0].equals("hmat-lb") || items[0].equals("hmat-cache")) {
            hmat(word, items);
            return;
        }
        if (!items[0].equals("node") && !items[0].equals("type=node")) {
            context.notModelled(option, "-numa " + items[0]);
            return;
        }
        int nodeId = numaDrafts.size();
        List<Integer> cpus = new ArrayList<>();
        String memdev = null;
        OptionalInt initiator = OptionalInt.empty();
        for (int i = 1; i < items.length; i++) {
            String[] kv = items[i].split("=", 2);
            String value = kv.length == 2 ? kv[1] : "";
            switch (kv[0]) {
                case "nodeid" -> nodeId = NumberRange.of(0, 127).checkInt(value, "-numa node: nodeid=" + value, word.position());
                case "cpus" -> {
                    String[] range = value.split("-", 2);
                    int first = VCPU_ID.checkInt(range[0], "-numa node: cpus=" + value, word.position());
                    int last = range.length == 2 ? NumberRange.of(first, VCPU_ID.max().longValue())
                            .checkInt(range[1], "-numa node: cpus=" + value, word.position()) : first;
                    for (int cpu = first; cpu <= last; cpu++) {
                        cpus.add(cpu);
                    }
                }
                case "memdev" -> memdev = value;
                case "initiator" -> initiator = OptionalInt.of(NumberRange.of(0, 127).checkInt(value,
                        "-numa node: initiator=" + value, word.position()));
                default -> throw new InputException(word.position(), "-numa: '" + kv[0] + "' is not a -numa node key domxml"
                        + " reads (nodeid, cpus, initiator, memdev)");
            }
        }
        if (memdev == null) {
            throw new InputException(word.position(), "-numa node needs memdev=: a node's memory is a memory-backend-ram"
                    + " of its own (QEMU 7.2 machines refuse mem=)");
        }
        numaDrafts.add(new NumaDraft(nodeId, cpus, memdev, initiator, word.position()));
    }

    private static long hmatNumber(String digits, String what, SourcePosition at) throws InputException {
        return NumberRange.BYTES.check(NumberRange.parse(digits).orElseThrow(() -> new InputException(at, what
                + " is not a number")), what, at).longValueExact();
    }

    /**
     * {@code -numa hmat-lb,initiator=,target=,hierarchy=,data-type=,latency=|bandwidth=} and
     * {@code -numa hmat-cache,node-id=,size=,level=,associativity=,policy=,line=}, as libvirt writes them
     * (a bandwidth and a cache size in KiB).
     */
    private void hmat(Word word, String[] items) throws InputException {
        Map<String, String> keys = new HashMap<>();
        for (int i = 1; i < items.length; i++) {
            String[] kv = items[i].split("=", 2);
            if (kv.length != 2 || keys.put(kv[0], kv[1]) != null) {
                throw new InputException(word.position(), "-numa " + items[0] + ": '" + items[i] + "' is not a key=value"
                        + " given once");
            }
        }
        NumberRange node = NumberRange.of(0, 127);
        String where = "-numa " + items[0];
        if (items[0].equals("hmat-lb")) {
            int level = Machine.Hmat.Link.level(keys.getOrDefault("hierarchy", "memory"));
            String dataType = keys.getOrDefault("data-type", "");
            java.util.regex.Matcher type = java.util.regex.Pattern.compile("(access|read|write)-(latency|bandwidth)")
                    .matcher(dataType);
            boolean latency = type.matches() && type.group(2).equals("latency");
            String value = keys.getOrDefault(latency ? "latency" : "bandwidth", "");
            if (level < 0 || !type.matches() || !keys.keySet().stream().allMatch(k -> List.of("initiator", "target",
                    "hierarchy", "data-type", latency ? "latency" : "bandwidth").contains(k)) || (!latency && !value.endsWith("K"))) {
                throw new InputException(word.position(), where + ": domxml reads initiator=, target=, hierarchy=,"
                        + " data-type= and latency= (ns) or bandwidth= (in K), as libvirt writes them");
            }
            hmatLinks.add(new Machine.Hmat.Link(
                    node.checkInt(keys.getOrDefault("initiator", ""), where + ": initiator", word.position()),
                    node.checkInt(keys.getOrDefault("target", ""), where + ": target", word.position()), level,
                    type.group(1), latency, hmatNumber(latency ? value : value.substring(0, value.length() - 1),
                            where + ": " + (latency ? "latency" : "bandwidth"), word.position())));
            return;
        }
        String size = keys.getOrDefault("size", "");
        if (!keys.keySet().equals(java.util.Set.of("node-id", "size", "level", "associativity", "policy", "line"))
                || !size.endsWith("K")) {
            throw new InputException(word.position(), where + ": domxml reads node-id=, size= (in K), level=,"
                    + " associativity=, policy= and line=, as libvirt writes them");
        }
        hmatCaches.add(new Machine.Hmat.Cache(node.checkInt(keys.get("node-id"), where + ": node-id", word.position()),
                NumberRange.of(1, 3).checkInt(keys.get("level"), where + ": level", word.position()),
                hmatNumber(size.substring(0, size.length() - 1), where + ": size", word.position()),
                keys.get("associativity"), keys.get("policy"),
                hmatNumber(keys.get("line"), where + ": line", word.position())));
    }

    /** A memory backend's host-nodes (a JSON list, or ranges) and policy; none when it names no host node. */
    private static Optional<HostMemoryPolicy> hostMemoryPolicy(OptionValue v) throws InputException {
        Optional<com.fasterxml.jackson.databind.JsonNode> raw = v.raw("host-nodes");
        String policy = v.text("policy").orElse("default");
        if (raw.isEmpty() || raw.get().isNull()) {
            return Optional.empty();
        }
        List<Integer> nodes = new ArrayList<>();
        if (raw.get().isArray()) {
            for (com.fasterxml.jackson.databind.JsonNode node : raw.get()) {
                nodes.add(HOST_NODE.checkInt(node.asText(), "host-nodes", v.position()));
            }
        } else {
            for (String range : raw.get().asText().split(",")) {
                String[] ends = range.split("-", 2);
                int first = HOST_NODE.checkInt(ends[0], "host-nodes=" + range, v.position());
                int last = ends.length == 2 ? HOST_NODE.checkInt(ends[1], "host-nodes=" + range, v.position()) : first;
                for (int node = first; node <= last; node++) {
                    nodes.add(node);
                }
            }
        }
        if (!List.of("bind", "preferred", "interleave").contains(policy)) {
            throw v.error(v.describe() + ": policy '" + policy + "' with host-nodes: use bind, preferred or interleave");
        }
        return Optional.of(new HostMemoryPolicy(nodes.stream().sorted().distinct().toList(), policy));
    }

    private static final NumberRange HOST_NODE = NumberRange.of(0, 16383);

    /** {@code -numa dist,src=A,dst=B,val=V}. */
    private void numaDistance(Word word, String[] items) throws InputException {
        Map<String, Integer> keys = new HashMap<>();
        for (int i = 1; i < items.length; i++) {
            String[] kv = items[i].split("=", 2);
            if (!List.of("src", "dst", "val").contains(kv[0]) || kv.length != 2) {
                throw new InputException(word.position(), "-numa dist: '" + items[i] + "' is not src=, dst= or val=");
            }
            NumberRange range = kv[0].equals("val") ? NumberRange.of(10, 255) : NumberRange.of(0, 127);
            keys.put(kv[0], range.checkInt(kv[1], "-numa dist: " + items[i], word.position()));
        }
        if (keys.size() != 3) {
            throw new InputException(word.position(), "-numa dist needs src=, dst= and val=");
        }
        numaDistances.computeIfAbsent(keys.get("src"), k -> new HashMap<>()).put(keys.get("dst"), keys.get("val"));
    }

    private List<NumaNode> numaNodes() throws InputException {
        List<NumaNode> nodes = new ArrayList<>();
        for (NumaDraft draft : numaDrafts) {
            Long bytes = ramBackends.get(draft.memdev());
            if (bytes == null) {
                throw new InputException(draft.position(), "-numa node,nodeid=" + draft.nodeId() + ": memdev="
                        + draft.memdev() + " names no -object memory-backend-ram");
            }
            List<Integer> distances = new ArrayList<>();
            if (!numaDistances.isEmpty()) {
                for (int to = 0; to < numaDrafts.size(); to++) {
                    int fallback = to == draft.nodeId() ? 10 : 20; // QEMU's defaults for what is not given
                    distances.add(numaDistances.getOrDefault(draft.nodeId(), Map.of()).getOrDefault(to, fallback));
                }
            }
            nodes.add(new NumaNode(draft.nodeId(), draft.cpus().stream().sorted().distinct().toList(), bytes,
                    Optional.ofNullable(ramPolicies.get(draft.memdev())), distances,
                    ramBackings.getOrDefault(draft.memdev(), RamBacking.PLAIN), draft.initiator()));
        }
        return nodes;
    }

    private void drive(OptionValue v) throws InputException {
        String iface = v.text("if").orElse("ide");
        if (iface.equals("pflash")) {
            Optional<String> file = v.text("file");
            if (file.isEmpty()) {
                throw v.error(v.describe() + ": a flash image needs file=");
            }
            boolean readOnly = v.bool("readonly").orElse(false);
            if (file.get().startsWith("json:")) {
                // QEMU's json: pseudo-protocol: the storage node's driver and options (an image over the network)
                Map<String, Object> storage = BlockGraph.jsonStorage(v, file.get().substring("json:".length()));
                String driver = String.valueOf(storage.remove("driver"));
                flash.add(new Firmware.FlashImage(driver, storage, readOnly));
            } else {
                flash.add(new Firmware.FlashImage(file.get(), readOnly));
            }
            v.ignore("if", "unit", "format", "id");
            context.unusedKeys(v);
            return;
        }
        if (!Set.of("none", "virtio", "scsi", "ide").contains(iface)) {
            context.notModelled(v.option(), "-drive if=" + iface);
            return;
        }
        BlockGraph.DriveSpec spec = blocks.addDrive(v, driveOrdinals.merge(iface, 1, Integer::sum) - 1);
        switch (spec.iface()) {
            case "none" -> { }
            default -> {
                claimId(spec.id(), v);
                entries.add(new DriveEntry(spec));
            }
        }
    }

    private void device(OptionValue v) throws InputException {
        String driver = v.required("driver");
        if (driver.equals("vmgenid")) {
            String guid = v.required("guid");
            if (!UUID.matcher(guid).matches()) {
                throw v.error(v.describe() + ": guid '" + guid + "' is not a UUID");
            }
            generationId = Optional.of(guid.toLowerCase(Locale.ROOT));
            v.ignore("id");
            context.unusedKeys(v);
            return;
        }
        String id = v.text("id").orElseGet(() -> {
            int n = anonymous.merge(driver, 1, Integer::sum) - 1;
            return driver + "-anon" + n;
        });
        claimId(id, v);
        entries.add(new DeviceEntry(v, driver, id));
    }

    private void claimId(String id, OptionValue v) throws InputException {
        OptionValue previous = deviceIds.putIfAbsent(id, v);
        if (previous != null) {
            throw v.error(v.describe() + ": id '" + id + "' is already used by " + previous.option().shortText() + " at "
                    + previous.position());
        }
    }

    // ------------------------------------------------------------------------------------------------

    private Result build() throws InputException {
        Machine m = machine();
        MachineFamily family = m.family();
        PciBuses pci = new PciBuses(family, context);
        List<String> scsiControllers = new ArrayList<>();
        Map<String, StorageControllerKind> kinds = new LinkedHashMap<>();

        for (Entry entry : entries) {
            if (entry instanceof DeviceEntry d) {
                if (ROOT_PORTS.contains(d.driver())) {
                    pci.define(d.id(), PciBuses.Kind.ROOT_PORT, d.value());
                } else if (BRIDGES.contains(d.driver())) {
                    pci.define(d.id(), PciBuses.Kind.BRIDGE, d.value());
                } else if (FULL_BUSES.contains(d.driver())) {
                    pci.define(d.id(), PciBuses.Kind.FULL, d.value());
                }
                controllerKind(d.driver()).ifPresent(kind -> {
                    kinds.put(d.id(), kind);
                    if (kind != StorageControllerKind.AHCI) {
                        scsiControllers.add(d.id());
                    }
                });
            }
        }
        Optional<StorageController> assumedLsi = Optional.empty();
        Object assumedLsiOwner = new Object();
        boolean needsScsi = entries.stream().anyMatch(e -> e instanceof DriveEntry de && de.spec().iface().equals("scsi"));
        if (needsScsi && scsiControllers.isEmpty()) {
            String id = freeId("scsi");
            scsiControllers.add(id);
            kinds.put(id, StorageControllerKind.LSI);
            BlockGraph.DriveSpec first = entries.stream().filter(e -> e instanceof DriveEntry de
                    && de.spec().iface().equals("scsi")).map(e -> ((DriveEntry) e).spec()).findFirst().orElseThrow();
            context.warn(ASSUMED, "-drive if=scsi with no SCSI controller on the line: QEMU 7.2 would need one;"
                    + " assuming an lsi controller " + id + " as libvirt adds", first.option().position());
            assumedLsi = Optional.of(new StorageController(id, StorageControllerKind.LSI, VirtioOptions.NONE, Optional.empty(),
                    OptionalInt.empty(), OptionalInt.empty(), OptionalInt.empty(), Optional.empty(), PciAddress.of("", 0, 0)));
            pci.request(assumedLsiOwner, OptionValue.parse(new QemuOption("-device", first.option().nameWord(),
                    Optional.of(new Word("lsi,id=" + id, first.option().nameWord().start(), new int[0], source)))));
        }

        for (Entry entry : entries) {
            if (entry instanceof DeviceEntry d && isPci(d.driver()) && !onSpaprVio(d)) {
                pci.request(d, d.value());
            } else if (entry instanceof DriveEntry de && de.spec().iface().equals("virtio")) {
                pci.request(de, OptionValue.parse(new QemuOption("-device", de.spec().option().nameWord(),
                        Optional.of(new Word("virtio-blk-pci", de.spec().option().nameWord().start(), new int[0], source)))));
            }
        }
        Map<Object, PciAddress> addresses = pci.resolve();

        List<Object> devices = new ArrayList<>();
        for (PciBuses.AssumedBridge bridge : pci.assumedBridges()) {
            devices.add(new PciBridge(bridge.id(), "pci-bridge", bridge.chassisNr(), addresses.get(bridge.owner())));
        }
        if (assumedLsi.isPresent()) {
            StorageController c = assumedLsi.get();
            StorageController placed = new StorageController(c.id(), c.kind(), c.virtio(), c.iothread(), c.numQueues(), c.cmdPerLun(),
                    c.maxSectors(), c.ioeventfd(), addresses.get(assumedLsiOwner));
            devices.add(placed);
        }

        StorageAddresses storage = new StorageAddresses(family, kinds, scsiControllers);
        List<DiskDraft> disks = new ArrayList<>();
        Set<String> nicNetdevs = new HashSet<>();
        for (Entry entry : entries) {
            if (entry instanceof DeviceEntry d && NICS.contains(d.driver())) {
                d.value().text("netdev").ifPresent(nicNetdevs::add);
            }
        }
        for (Entry entry : entries) {
            if (entry instanceof GuestForwardEntry g) {
                if (!nicNetdevs.contains(g.id())) {
                    devices.add(guestForward(g));
                }
                continue;
            }
            if (entry instanceof DriveEntry de) {
                DiskDraft draft = shorthandDisk(de.spec(), addresses.get(de), storage);
                if (draft != null) {
                    disks.add(draft);
                    devices.add(draft);
                }
                continue;
            }
            if (entry instanceof SpeakerEntry speaker) {
                devices.add(new GenericDevice(GenericDevice.Kind.SOUND, speaker.id(), "pcspk", Map.of("id", speaker.id()),
                        Optional.empty(), List.of()));
                continue;
            }
            DeviceEntry d = (DeviceEntry) entry;
            OptionValue v = d.value();
            String driver = d.driver();
            Optional<PciAddress> address = Optional.ofNullable(addresses.get(d));
            if (SCSI_DISKS.contains(driver) || IDE_DISKS.contains(driver) || VIRTIO_DISKS.contains(driver)
                    || driver.equals("floppy") || driver.equals("usb-storage") || driver.equals(DiskDevice.VHOST_USER_BLK)) {
                DiskDraft draft = disk(d, address, storage);
                if (draft != null) {
                    disks.add(draft);
                    devices.add(draft);
                }
                continue;
            }
            if (ROOT_PORTS.contains(driver)) {
                devices.add(new PciePort(d.id(), driver, v.integer("port", NumberRange.UINT8).orElse(0),
                        v.integer("chassis", NumberRange.UINT8).orElse(0), v.bool("hotplug"),
                        address.orElseThrow()));
                v.ignore("id", "driver");
                origins.put(d.id(), v.position());
            } else if (driver.equals("pxb") || driver.equals("pxb-pcie")) {
                devices.add(new PciExpanderBus(d.id(), driver, v.integer("bus_nr", NumberRange.UINT8).orElse(0),
                        v.integer("numa_node", NumberRange.UINT8), address.orElseThrow()));
                v.ignore("id", "driver");
                origins.put(d.id(), v.position());
            } else if (BRIDGES.contains(driver) || FULL_BUSES.contains(driver)) {
                devices.add(new PciBridge(d.id(), driver, v.integer("chassis_nr", CHASSIS_NR).orElse(-1), address.orElseThrow()));
                v.ignore("id", "driver", "shpc");
                origins.put(d.id(), v.position());
            } else if (driver.equals("isa-fdc")) {
                devices.add(new FloppyController(true, v.integer("bootindexA", NumberRange.INT32),
                        v.integer("bootindexB", NumberRange.INT32)));
                v.ignore("driver", "id");
            } else if (USB.contains(driver)) {
                devices.add(new UsbController(d.id(), driver, v.integer("p2", NumberRange.COUNT), address.orElseThrow()));
                v.ignore("id", "driver", "p3");
            } else if (kinds.containsKey(d.id()) && controllerKind(driver).isPresent()) {
                devices.add(controller(d, kinds.get(d.id()), onSpaprVio(d)
                        ? new SpaprVioAddress(v.number("reg", SPAPR_VIO_REG).map(OptionalLong::of)
                                .orElse(OptionalLong.empty()))
                        : address.orElseThrow()));
                origins.put(d.id(), v.position());
            } else if (NICS.contains(driver)) {
                devices.add(nic(d, address.orElseThrow()));
                origins.put(d.id(), v.position());
            } else if (driver.equals("virtio-balloon-pci")) {
                devices.add(new BalloonDevice(d.id(), address.orElseThrow(), virtioOptions(v), v.bool("deflate-on-oom"),
                        v.bool("free-page-reporting")));
                v.ignore("id", "driver");
            } else if (driver.equals("virtio-serial-pci")) {
                Map<String, Object> props = new LinkedHashMap<>(virtioOptions(v).properties());
                props.put("id", d.id());
                v.integer("max_ports", NumberRange.of(1, Integer.MAX_VALUE)).ifPresent(ports -> props.put("max_ports", ports));
                v.integer("vectors", NumberRange.COUNT).ifPresent(vectors -> props.put("vectors", vectors));
                devices.add(new GenericDevice(GenericDevice.Kind.CONTROLLER, d.id(), driver, props, address, List.of()));
                v.ignore("id", "driver");
                origins.put(d.id(), v.position());
            } else if (driver.equals(INPUT_LINUX)) {
                v.required("evdev"); // QEMU refuses the object without it
                devices.add(GenericDevice.objectOnly(GenericDevice.Kind.INPUT, d.id(), properties(v, Optional.empty())));
            } else if (PERIPHERALS.containsKey(driver)) {
                devices.add(generic(d, address));
            } else {
                context.notModelled(v.option(), "-device " + driver);
                continue;
            }
            context.unusedKeys(v);
        }
        Map<Integer, DiskDraft> bootIndexes = new HashMap<>();
        for (DiskDraft draft : disks) {
            if (draft.bootIndex().isPresent()) {
                DiskDraft other = bootIndexes.putIfAbsent(draft.bootIndex().getAsInt(), draft);
                if (other != null) {
                    throw draft.value().error(draft.value().describe() + ": bootindex=" + draft.bootIndex().getAsInt()
                            + " is already taken by " + other.value().option().shortText() + " at "
                            + other.value().position());
                }
            }
        }
        addImplicitFloppyController(devices, disks);
        blocks.reportLeftovers();
        reportUnusedBackends();

        List<IoThread> threads = List.copyOf(iothreads.values());
        List<Device> finished = finishDisks(devices, disks, family, threads);
        SystemInfo systemInfo = smbiosTables.isEmpty() && firmwareConfig.isEmpty() ? SystemInfo.NONE
                : new SystemInfo(smbiosTables, firmwareConfig);
        VirtualMachine vm = new VirtualMachine(name.orElse(defaultName()), uuid, generationId, systemInfo, emulator, m,
                new Firmware(bios, flash, secureFlash, slicTable,
                        new Firmware.KernelBoot(kernel, initrd, append, dtb), serialFirmware), memory(),
                numaDrafts.isEmpty() ? Optional.ofNullable(ramPolicies.get("pc.ram")) : Optional.empty(), memoryHotplug, smp(m),
                numaNodes(), threads, mainLoop,
                boot(), finished, display(),
                new Clock(rtc, pitTickPolicy, noHpet, Optional.empty()), Passthrough.NONE);
        return new Result(vm, new SourceMap(source.file(), origins), context.warnings(), context.leftOut(), prefix, options);
    }

    private String freeId(String prefix) {
        int n = 0;
        while (deviceIds.containsKey(prefix + n)) {
            n++;
        }
        return prefix + n;
    }

    private static Optional<StorageControllerKind> controllerKind(String driver) {
        return StorageControllerKind.byQemuDriver(driver).or(() -> Optional.ofNullable(CONTROLLER_ALIASES.get(driver)));
    }

    /** A device on the sPAPR VIO bus: spapr-vscsi always, another controller when given a reg (as libvirt does). */
    private static boolean onSpaprVio(DeviceEntry d) {
        return d.driver().equals(StorageControllerKind.IBMVSCSI.qemuDriver())
                || controllerKind(d.driver()).isPresent() && d.value().has("reg");
    }

    private static boolean isPci(String driver) {
        return ROOT_PORTS.contains(driver) || BRIDGES.contains(driver) || FULL_BUSES.contains(driver) || USB.contains(driver)
                || controllerKind(driver).isPresent() || VIRTIO_DISKS.contains(driver) || NICS.contains(driver)
                || driver.equals(DiskDevice.VHOST_USER_BLK)
                || driver.equals("virtio-balloon-pci") || driver.equals("virtio-serial-pci") || VIDEO.contains(driver)
                || PCI_PERIPHERALS.contains(driver);
    }

    // ------------------------------------------------------------------------------------------------
    // Machine, memory, CPUs, boot

    /** A flash image from the nodes a {@code pflashN=} names: its storage node and whether the guest may write it. */
    private static Firmware.FlashImage flashImage(BlockGraph.Chain chain, OptionValue machine, String key)
            throws InputException {
        boolean readOnly = chain.nodes().stream().filter(n -> n instanceof FormatNode).map(n -> ((FormatNode) n).readOnly())
                .findFirst().orElse(false);
        if (!chain.nodes().isEmpty() && chain.nodes().get(0) instanceof ProtocolNode file && !file.driver().equals("host_cdrom")) {
            return new Firmware.FlashImage(file.driver(), Map.of("filename", file.filename()), readOnly);
        }
        if (!chain.nodes().isEmpty() && chain.nodes().get(0) instanceof NetworkNode network
                && !network.driver().equals("vvfat")) {
            return new Firmware.FlashImage(network.driver(), network.location(), readOnly);
        }
        throw machine.error("-machine " + key + "=: the node it names is not a file, block device or network image"
                + " with a raw format node over it");
    }

    private Machine machine() throws InputException {
        String type;
        MachineFamily family;
        Optional<String> machineAccel = Optional.empty();
        boolean machineAcpi = true;
        if (machine.isPresent()) {
            OptionValue v = machine.get();
            type = v.required("type");
            Matcher pve = PVE_MACHINE.matcher(type);
            if (pve.matches()) {
                context.warn(ASSUMED, "machine type '" + type + "' is Proxmox VE's own build; using QEMU's '"
                        + pve.group(1) + "'", v.position());
                type = pve.group(1);
            }
            if (type.equals("q35") || type.startsWith("pc-q35-")) {
                family = MachineFamily.Q35;
            } else if (type.equals("pc") || VERSIONED.matcher(type).matches()) {
                family = MachineFamily.I440FX;
            } else {
                throw v.error("machine type '" + type + "' is not supported: domxml models pc (i440fx) and q35 guests");
            }
            machineAccel = v.text("accel").map(a -> a.split(":")[0]);
            machineAcpi = v.bool("acpi").orElse(true);
            smm = v.bool("smm");
            vmport = v.bool("vmport");
            serialFirmware = v.bool("graphics").map(on -> !on).orElse(false);
            kernelIrqchip = v.text("kernel_irqchip");
            dumpGuestCore = v.bool("dump-guest-core").orElse(false);
            memMerge = v.bool("mem-merge").orElse(true);
            for (String key : List.of("pflash0", "pflash1")) {
                Optional<String> node = v.text(key);
                if (node.isPresent()) {
                    BlockGraph.Chain chain = blocks.resolve(node.get(), v);
                    flash.add(flashImage(chain, v, key));
                }
            }
            // nvdimm=on follows from the nvdimm devices on the line, hmat=on from the -numa hmat-* options
            v.ignore("usb", "memory-backend", "nvdimm", "hmat");
            context.unusedKeys(v);
        } else {
            boolean pcie = entries.stream().anyMatch(e -> e instanceof DeviceEntry d
                    && d.value().text("bus").map(b -> b.equals("pcie.0")).orElse(false));
            family = pcie ? MachineFamily.Q35 : MachineFamily.I440FX;
            type = pcie ? "q35" : "pc";
        }
        Optional<String> fromMachine = machineAccel;
        String accelerator = accel.or(() -> fromMachine).orElse("tcg");
        if (!accelerator.equals("tcg") && !accelerator.equals("kvm")) {
            throw new InputException(source.position(0), "accelerator '" + accelerator + "' is not supported: use kvm or tcg");
        }
        List<String> missing = new ArrayList<>();
        if (machine.isEmpty()) {
            missing.add("-machine (" + type + ")");
        }
        if (memoryBytes.isEmpty() && backendBytes.isEmpty()) {
            missing.add("-m (128 MiB)");
        }
        if (smp.isEmpty()) {
            missing.add("-smp (1 vCPU)");
        }
        if (!missing.isEmpty()) {
            context.warn(ASSUMED, "no " + String.join(", ", missing) + " on this command line: assuming QEMU's defaults",
                    source.position(0));
        }
        return new Machine(type, family, accelerator, cpu, acpi && machineAcpi, smm, tsegMiB, vmport, suspendToMem,
                suspendToDisk, new Machine.MemoryOptions(dumpGuestCore, memMerge, memLocked,
                        numaDrafts.isEmpty() ? ramBackings.getOrDefault("pc.ram", RamBacking.PLAIN) : RamBacking.PLAIN),
                new Machine.PciRoot(pciHole64KiB, rootPciHotplug), tbSizeMiB, new Machine.Hmat(hmatLinks, hmatCaches),
                kernelIrqchip, dirtyRingEntries);
    }

    private long memory() {
        return memoryBytes.or(() -> backendBytes).orElse(128L * 1024 * 1024);
    }

    private static long size(OptionValue v, String text, long defaultUnit) throws InputException {
        Matcher m = SIZE.matcher(text.trim());
        if (!m.matches()) {
            throw v.error(v.option().name() + " '" + text + "' is not a size (such as 512, 512M or 4G)");
        }
        long unit = switch (m.group(2).toUpperCase(Locale.ROOT)) {
            case "K" -> 1024L;
            case "M" -> 1024L * 1024;
            case "G" -> 1024L * 1024 * 1024;
            case "T" -> 1024L * 1024 * 1024 * 1024;
            default -> defaultUnit;
        };
        // more digits than any size has: not worth converting (BigDecimal is quadratic in them)
        BigInteger bytes = m.group(1).length() > 40 ? BigInteger.ONE.shiftLeft(256)
                : new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(unit)).toBigInteger();
        return NumberRange.BYTES.where("bytes").fittingLong().check(bytes, v.option().name() + " " + text.trim(), v.position())
                .longValueExact();
    }

    /** QEMU 7.2's limit on vCPUs: 255 for pc (i440fx), 288 for q35 ("Invalid SMP CPUs"). */
    private static NumberRange vcpus(Machine machine) {
        return NumberRange.of(1, machine.family() == MachineFamily.Q35 ? 288 : 255).where("on machine " + machine.type());
    }

    private Smp smp(Machine machine) throws InputException {
        if (smp.isEmpty()) {
            return new Smp(1, 1, 1, OptionalInt.empty(), 1, 1);
        }
        OptionValue v = smp.get();
        NumberRange range = vcpus(machine);
        OptionalInt cpus = v.integer("cpus", range);
        OptionalInt max = v.integer("maxcpus", range);
        OptionalInt sockets = v.integer("sockets", range);
        OptionalInt dies = v.integer("dies", range);
        OptionalInt cores = v.integer("cores", range);
        OptionalInt threads = v.integer("threads", range);
        context.unusedKeys(v);
        int total = max.isPresent() ? max.getAsInt() : cpus.orElse(1);
        if (sockets.isEmpty() && dies.isEmpty() && cores.isEmpty() && threads.isEmpty()) {
            int c = cpus.orElse(total);
            if (c > total) {
                throw v.error("-smp: " + c + " vCPUs is more than maxcpus=" + total);
            }
            return new Smp(c, total, total, OptionalInt.empty(), 1, 1);
        }
        int d = dies.orElse(1);
        int t = threads.orElse(1);
        int s;
        int c;
        if (sockets.isPresent() && cores.isPresent()) {
            s = sockets.getAsInt();
            c = cores.getAsInt();
        } else if (sockets.isPresent()) {
            s = sockets.getAsInt();
            c = Math.max(1, total / (s * d * t));
        } else {
            c = cores.orElse(1);
            s = Math.max(1, total / (c * d * t));
        }
        long topology = (long) s * d * c * t; // each at most 288: the product of four needs a long
        if (topology > range.max().longValue()) {
            throw v.error("-smp: sockets*dies*cores*threads = " + topology + " is more than the "
                    + range.max() + " vCPUs machine " + machine.type() + " takes");
        }
        int maximum = max.orElse(Math.max((int) topology, cpus.orElse((int) topology)));
        if (topology != maximum) {
            throw v.error("-smp: sockets*dies*cores*threads = " + topology + " does not match the maximum " + maximum
                    + " vCPUs");
        }
        int online = cpus.orElse(maximum);
        if (online > maximum) {
            throw v.error("-smp: " + online + " vCPUs is more than maxcpus=" + maximum);
        }
        return new Smp(online, maximum, s, dies, c, t);
    }

    private BootOptions boot() throws InputException {
        if (boot.isEmpty()) {
            return new BootOptions(false, OptionalInt.empty());
        }
        OptionValue v = boot.get();
        Optional<Boolean> written = v.bool("menu");
        boolean menu = written.orElse(false);
        OptionalInt splash = v.integer("splash-time", NumberRange.UINT16);
        OptionalInt rebootTimeout = v.integer("reboot-timeout", NumberRange.of(-1, 0xffff));
        v.ignore("strict");
        context.unusedKeys(v);
        return new BootOptions(menu, menu ? splash : OptionalInt.empty(), written.filter(on -> !on).isPresent(),
                rebootTimeout);
    }

    private String defaultName() {
        String file = source.file();
        String base = file.equals("-") || file.startsWith("<") ? "guest"
                : java.nio.file.Path.of(file).getFileName().toString().replaceFirst("\\.[^.]*$", "");
        String cleaned = base.replaceAll("[^A-Za-z0-9_.+-]", "-");
        return cleaned.isEmpty() ? "guest" : cleaned;
    }

    // ------------------------------------------------------------------------------------------------
    // Devices

    private StorageController controller(DeviceEntry d, StorageControllerKind kind, DeviceAddress address)
            throws InputException {
        OptionValue v = d.value();
        v.ignore("id", "driver");
        if (CONTROLLER_ALIASES.containsKey(d.driver())) {
            context.warnOnce(ASSUMED, "-device " + d.driver() + " is QEMU's lsi: read as that", v.position());
        }
        Optional<String> iothread = Optional.empty();
        OptionalInt queues = OptionalInt.empty();
        OptionalInt cmdPerLun = OptionalInt.empty();
        OptionalInt maxSectors = OptionalInt.empty();
        Optional<Boolean> ioeventfd = Optional.empty();
        VirtioOptions virtio = VirtioOptions.NONE;
        if (kind == StorageControllerKind.VIRTIO_SCSI) {
            virtio = virtioOptions(v);
            iothread = iothreadRef(v);
            queues = v.integer("num_queues", VIRTIO_SCSI_QUEUES);
            cmdPerLun = v.integer("cmd_per_lun", NumberRange.COUNT);
            maxSectors = v.integer("max_sectors", NumberRange.COUNT);
            ioeventfd = v.bool("ioeventfd");
        }
        return new StorageController(d.id(), kind, virtio, iothread, queues, cmdPerLun, maxSectors, ioeventfd, address);
    }

    private Optional<String> iothreadRef(OptionValue v) throws InputException {
        Optional<String> ref = v.text("iothread");
        if (ref.isPresent() && !iothreads.containsKey(ref.get())) {
            throw v.error(v.describe() + ": iothread=" + ref.get() + " names no -object iothread");
        }
        return ref;
    }

    private NetworkDevice nic(DeviceEntry d, PciAddress address) throws InputException {
        OptionValue v = d.value();
        String netdev = v.required("netdev");
        OptionValue backend = netdevs.get(netdev);
        if (backend == null) {
            throw v.error(v.describe() + ": netdev=" + netdev + " names no -netdev");
        }
        usedNetdevs.add(netdev);
        int index = (int) entries.stream().filter(e -> e instanceof DeviceEntry de && NICS.contains(de.driver()))
                .takeWhile(e -> e != d).count();
        String mac = v.text("mac").orElse(String.format("52:54:00:12:34:%02x", 0x56 + index));
        v.ignore("id", "driver");
        return new NetworkDevice(d.id(), backend.text("type").orElseThrow(), netdev, d.driver(), mac, address,
                v.integer("bootindex", NumberRange.INT32));
    }

    private GenericDevice generic(DeviceEntry d, Optional<PciAddress> address) throws InputException {
        OptionValue v = d.value();
        String needed = BACKEND_REQUIRED.get(d.driver());
        if (needed != null) {
            v.required(needed); // QEMU refuses the device without it
        }
        List<GenericDevice.Backend> before = new ArrayList<>();
        List<GenericDevice.Backend> after = new ArrayList<>();
        if (d.driver().equals("scsi-generic")) {
            // a SCSI host device's backend (iscsi, host_device) is its own -blockdev, kept as written
            OptionValue node = blocks.take(v.required("drive"), v);
            Map<String, Object> blockdev = new LinkedHashMap<>();
            blockdev.put("driver", node.required("driver"));
            blockdev.putAll(properties(node, Optional.empty()));
            before.add(new GenericDevice.Backend("-blockdev", "", blockdev));
        }
        Optional<String> chardev = v.text("chardev");
        if (chardev.isPresent()) {
            // an ivshmem-doorbell's server socket is written after the device
            (d.driver().equals("ivshmem-doorbell") ? after : before).addAll(chardevBackends(v, chardev.get()));
        }
        for (String key : List.of("fsdev", "rng", "memdev")) {
            Optional<String> id = v.text(key);
            if (id.isEmpty()) {
                continue;
            }
            // a pc-dimm's RAM is a memory-backend-ram like a NUMA node's
            OptionValue backend = backends.getOrDefault(id.get(), key.equals("memdev") ? ramObjects.get(id.get()) : null);
            if (backend == null) {
                throw v.error(v.describe() + ": " + key + "=" + id.get() + " names no "
                        + (key.equals("fsdev") ? "-fsdev" : "-object"));
            }
            usedBackends.add(id.get());
            if (key.equals("fsdev")) {
                before.add(new GenericDevice.Backend("-fsdev", backend.option().valueText()));
            } else {
                Optional<String> objectChardev = backend.text("chardev");
                if (objectChardev.isPresent()) {
                    before.addAll(chardevBackends(backend, objectChardev.get()));
                }
                before.add(GenericDevice.Backend.object(properties(backend, Optional.empty())));
            }
        }
        GenericDevice.Kind kind = PERIPHERALS.get(d.driver());
        if (kind == GenericDevice.Kind.WATCHDOG && watchdogAction.isPresent()) {
            after.add(new GenericDevice.Backend("-watchdog-action", watchdogAction.get().valueText()));
            watchdogAction = Optional.empty();
        }
        return new GenericDevice(kind, d.id(), d.driver(), properties(v, address), address, before, after);
    }

    /**
     * A guestfwd channel: the chardev its rule (tcp:ADDRESS:PORT-chardev:ID) names, then its user netdev as
     * libvirt writes it (JSON has the rules as a list of {"str": RULE}, key=value as guestfwd=RULE).
     */
    private GenericDevice guestForward(GuestForwardEntry g) throws InputException {
        OptionValue v = g.value();
        JsonNode written = v.raw("guestfwd").orElseThrow();
        List<Map<String, Object>> rules = new ArrayList<>();
        for (JsonNode rule : written.isArray() ? written : List.of(written)) {
            rules.add(Map.of("str", rule.isObject() && rule.has("str") ? rule.get("str").asText() : rule.asText()));
        }
        usedNetdevs.add(g.id());
        List<GenericDevice.Backend> backends = new ArrayList<>();
        for (Map<String, Object> rule : rules) {
            String text = String.valueOf(rule.get("str"));
            int at = text.indexOf("-chardev:");
            if (at < 0) {
                throw v.error(v.describe() + ": guestfwd rule '" + text + "' names no -chardev");
            }
            backends.addAll(chardevBackends(v, text.substring(at + "-chardev:".length())));
        }
        Map<String, Object> netdev = new LinkedHashMap<>();
        netdev.put("type", v.required("type"));
        netdev.put("guestfwd", rules);
        netdev.put("id", g.id());
        backends.add(new GenericDevice.Backend("-netdev", "", netdev));
        return new GenericDevice(GenericDevice.Kind.CHANNEL, g.id(), GenericDevice.NO_DEVICE, Map.of(), Optional.empty(),
                backends);
    }

    /** The -chardev a device names, after the TLS credentials object the chardev names, if any. */
    private List<GenericDevice.Backend> chardevBackends(OptionValue user, String id) throws InputException {
        OptionValue backend = chardevs.get(id);
        if (backend == null) {
            throw user.error(user.describe() + ": chardev=" + id + " names no -chardev");
        }
        usedChardevs.add(id);
        List<GenericDevice.Backend> out = new ArrayList<>();
        Optional<String> creds = backend.text("tls-creds");
        if (creds.isPresent()) {
            OptionValue object = backends.get(creds.get());
            if (object == null) {
                throw backend.error(backend.describe() + ": tls-creds=" + creds.get() + " names no -object");
            }
            usedBackends.add(creds.get());
            out.add(GenericDevice.Backend.object(properties(object, Optional.empty())));
        }
        out.add(new GenericDevice.Backend("-chardev", backend.option().valueText()));
        return out;
    }

    /** The properties as written (the device's PCI address aside), numbers and switches as JSON has them. */
    private static Map<String, Object> properties(OptionValue v, Optional<PciAddress> address) throws InputException {
        Map<String, Object> properties = new LinkedHashMap<>();
        for (String key : v.keys()) {
            if (key.equals("driver") || PCI_ADDRESS_KEYS.contains(key) && address.isPresent()) {
                continue;
            }
            Object value = JSON.convertValue(v.raw(key).orElseThrow(), Object.class);
            if (key.equals("host-nodes")) {
                // a memory module's backend: key=value spells the node list as ranges, JSON as an array
                value = hostMemoryPolicy(v).map(HostMemoryPolicy::hostNodes).orElse(List.of());
            } else if (value instanceof String text && INTEGER_PROPERTIES.contains(key) && text.matches("\\d{1,18}")) {
                value = GenericDevice.number(Long.parseLong(text));
            } else if (value instanceof String text && BOOLEAN_PROPERTIES.contains(key)) {
                value = v.bool(key).orElseThrow();
            }
            properties.put(key, value);
        }
        return properties;
    }

    /**
     * i440FX's built-in floppy controller, which a line only mentions for its boot indexes: in the model
     * it stands before the disks, as domain XML's floppy drives put it.
     */
    private void addImplicitFloppyController(List<Object> devices, List<DiskDraft> disks) {
        boolean explicit = devices.stream().anyMatch(FloppyController.class::isInstance);
        boolean floppies = disks.stream().anyMatch(d -> d.driver.equals("floppy"));
        if (floppies && !explicit) {
            int first = 0;
            while (first < devices.size() && !(devices.get(first) instanceof DiskDraft)) {
                first++;
            }
            devices.add(first, new FloppyController(false, floppyBootIndexes[0], floppyBootIndexes[1]));
        } else if (!floppies && floppyGlobal.isPresent()) {
            context.notModelled(floppyGlobal.get(), "-global " + floppyGlobal.get().valueText() + " (no floppy drive)");
        }
    }

    /** {@code -global isa-fdc.bootindexA=N}: the built-in floppy controller's boot indexes; others are left out. */
    private void global(QemuOption option) throws InputException {
        String value = option.valueText();
        if (value.equals("driver=cfi.pflash01,property=secure,value=on") || value.equals("cfi.pflash01.secure=on")) {
            secureFlash = true;
            return;
        }
        Matcher suspend = SUSPEND.matcher(value);
        if (suspend.matches()) {
            Optional<Boolean> allowed = Optional.of(suspend.group(3).equals("0"));
            if (suspend.group(2).equals("3")) {
                suspendToMem = allowed;
            } else {
                suspendToDisk = allowed;
            }
            return;
        }
        Matcher hole64 = PCI_HOLE64.matcher(value);
        if (hole64.matches()) {
            pciHole64KiB = OptionalLong.of(Long.parseLong(hole64.group(1)));
            return;
        }
        Matcher rootHotplug = ROOT_HOTPLUG.matcher(value);
        if (rootHotplug.matches()) {
            rootPciHotplug = Optional.of(rootHotplug.group(1).equals("on"));
            return;
        }
        if (value.startsWith("kvm-pit.lost_tick_policy=")) {
            pitTickPolicy = Optional.of(value.substring("kvm-pit.lost_tick_policy=".length()));
            return;
        }
        Matcher tseg = TSEG.matcher(value);
        if (tseg.matches()) {
            tsegMiB = OptionalLong.of(NumberRange.of(0, Integer.MAX_VALUE).checkInt(tseg.group(1), "-global " + value,
                    option.position()));
            return;
        }
        Matcher m = FDC_BOOT_INDEX.matcher(value);
        if (!m.matches()) {
            context.notModelled(option, option.shortText());
            return;
        }
        try {
            int index = Integer.parseInt(m.group(2));
            floppyBootIndexes[m.group(1).equals("A") ? 0 : 1] = OptionalInt.of(index);
            floppyGlobal = Optional.of(option);
        } catch (NumberFormatException e) {
            throw new InputException(option.position(), "-global " + option.valueText() + ": not a boot index");
        }
    }

    /** {@code -acpitable sig=SLIC,file=F}, the one table libvirt writes; other tables are not modelled. */
    private void acpiTable(QemuOption option) throws InputException {
        OptionValue v = OptionValue.parse(option);
        Optional<String> file = v.text("file");
        if (!v.text("sig").orElse("").equals("SLIC") || file.isEmpty() || slicTable.isPresent()) {
            context.notModelled(option, option.shortText());
            return;
        }
        slicTable = file;
        context.unusedKeys(v);
    }

    /** {@code -soundhw pcspk}, which libvirt 9.0 writes for {@code <sound model='pcspk'>} (QEMU 7.2 has no -soundhw). */
    private void soundhw(QemuOption option) {
        if (!option.valueText().equals("pcspk")) {
            context.notModelled(option, option.shortText());
            return;
        }
        long cards = entries.stream().filter(e -> e instanceof SpeakerEntry || e instanceof DeviceEntry d
                && PERIPHERALS.get(d.driver()) == GenericDevice.Kind.SOUND && !d.driver().startsWith("hda-")).count();
        entries.add(new SpeakerEntry("sound" + cards));
    }

    /** The displays and audio of the line; with neither, QEMU plays nowhere, as libvirt's audio1 of type none says. */
    private Display display() {
        if (displayOutputs.isEmpty() && audiodevs.isEmpty()) {
            return Display.NONE;
        }
        return new Display(displayOutputs.isEmpty(), audiodevs, displayOutputs, Map.of());
    }

    /**
     * An audio backend as libvirt's properties: id and driver first, a stream's settings (JSON's nested in/out,
     * key=value's in.voices) as a nested map, switches and numbers as JSON has them.
     */
    private static Map<String, Object> audiodev(OptionValue v) throws InputException {
        Map<String, Object> audio = new LinkedHashMap<>();
        audio.put("id", v.required("id"));
        audio.put("driver", v.required("driver"));
        for (String key : v.keys()) {
            if (key.equals("id") || key.equals("driver")) {
                continue;
            }
            // only the streams nest; the backend's own settings (timer-period, ...) are plain values
            boolean isStream = key.equals("in") || key.equals("out");
            Optional<OptionValue> nested = v.isJson() && isStream ? v.object(key) : Optional.empty();
            if (nested.isPresent()) {
                Map<String, Object> stream = new LinkedHashMap<>();
                for (String k : nested.get().keys()) {
                    stream.put(k, audioValue(nested.get(), k));
                }
                audio.put(key, stream);
            } else if (key.contains(".")) {
                String prefix = key.substring(0, key.indexOf('.'));
                @SuppressWarnings("unchecked")
                Map<String, Object> stream = (Map<String, Object>) audio.computeIfAbsent(prefix, k -> new LinkedHashMap<>());
                stream.put(key.substring(key.indexOf('.') + 1), audioValue(v, key));
            } else {
                audio.put(key, audioValue(v, key));
            }
        }
        return audio;
    }

    private static Object audioValue(OptionValue v, String key) throws InputException {
        String name = key.substring(key.indexOf('.') + 1);
        if (AUDIO_SWITCHES.contains(name)) {
            return v.bool(key).orElse(false);
        }
        if (AUDIO_NUMBERS.contains(name)) {
            return v.integer(key, NumberRange.INT32).orElse(0);
        }
        return v.text(key).orElse("");
    }

    private void backend(OptionValue v) throws InputException {
        String id = v.required("id");
        if (backends.containsKey(id)) {
            throw v.error(v.option().name() + " id '" + id + "' is already used at " + backends.get(id).position());
        }
        backends.put(id, v);
    }

    private static Map<String, GenericDevice.Kind> peripheralKinds() {
        Map<String, GenericDevice.Kind> kinds = new HashMap<>();
        VIDEO.forEach(driver -> kinds.put(driver, GenericDevice.Kind.VIDEO));
        kinds.put("ramfb", GenericDevice.Kind.VIDEO); // a platform device, not on PCI
        for (String driver : List.of("usb-tablet", "usb-mouse", "usb-kbd", "virtio-tablet-pci", "virtio-keyboard-pci",
                "virtio-mouse-pci", "virtio-input-host-pci")) {
            kinds.put(driver, GenericDevice.Kind.INPUT);
        }
        for (String driver : List.of("intel-hda", "ich9-intel-hda", "hda-duplex", "hda-micro", "hda-output", "AC97",
                "ES1370", "sb16", "usb-audio")) {
            kinds.put(driver, GenericDevice.Kind.SOUND);
        }
        kinds.put("isa-serial", GenericDevice.Kind.SERIAL);
        kinds.put("isa-debugcon", GenericDevice.Kind.SERIAL);
        kinds.put("pci-serial", GenericDevice.Kind.SERIAL);
        kinds.put("isa-parallel", GenericDevice.Kind.PARALLEL);
        kinds.put("virtserialport", GenericDevice.Kind.CHANNEL);
        kinds.put("virtconsole", GenericDevice.Kind.CONSOLE);
        kinds.put("virtio-9p-pci", GenericDevice.Kind.FILESYSTEM);
        kinds.put("vhost-user-fs-pci", GenericDevice.Kind.FILESYSTEM);
        kinds.put("i6300esb", GenericDevice.Kind.WATCHDOG);
        kinds.put("ib700", GenericDevice.Kind.WATCHDOG);
        kinds.put("virtio-rng-pci", GenericDevice.Kind.RNG);
        kinds.put("pvpanic", GenericDevice.Kind.PANIC);
        kinds.put("vmcoreinfo", GenericDevice.Kind.VMCOREINFO);
        kinds.put("ivshmem-plain", GenericDevice.Kind.SHMEM);
        kinds.put("ivshmem-doorbell", GenericDevice.Kind.SHMEM);
        kinds.put("vhost-vsock-pci", GenericDevice.Kind.VSOCK);
        kinds.put("intel-iommu", GenericDevice.Kind.IOMMU);
        kinds.put("virtio-iommu", GenericDevice.Kind.IOMMU);
        kinds.put("virtio-iommu-pci", GenericDevice.Kind.IOMMU);
        kinds.put("pc-dimm", GenericDevice.Kind.MEMORY);
        kinds.put("nvdimm", GenericDevice.Kind.MEMORY);
        kinds.put("usb-hub", GenericDevice.Kind.HUB);
        kinds.put("usb-ccid", GenericDevice.Kind.CONTROLLER);
        kinds.put("ccid-card-emulated", GenericDevice.Kind.SMARTCARD);
        kinds.put("ccid-card-passthru", GenericDevice.Kind.SMARTCARD);
        kinds.put("usb-redir", GenericDevice.Kind.REDIRDEV);
        kinds.put("vfio-pci", GenericDevice.Kind.HOSTDEV);
        kinds.put("vfio-pci-nohotplug", GenericDevice.Kind.HOSTDEV);
        kinds.put("usb-host", GenericDevice.Kind.HOSTDEV);
        kinds.put("scsi-generic", GenericDevice.Kind.HOSTDEV);
        for (String companion : List.of("ich9-usb-uhci1", "ich9-usb-uhci2", "ich9-usb-uhci3")) {
            kinds.put(companion, GenericDevice.Kind.CONTROLLER);
        }
        return Map.copyOf(kinds);
    }

    private void reportUnusedBackends() {
        for (var e : netdevs.entrySet()) {
            if (!usedNetdevs.contains(e.getKey())) {
                context.warn(UNUSED, "-netdev " + e.getKey() + " is used by no device: left out", e.getValue().position());
            } else {
                e.getValue().ignore("id", "type");
                context.unusedKeys(e.getValue());
            }
        }
        for (var e : backends.entrySet()) {
            if (!usedBackends.contains(e.getKey())) {
                context.notModelled(e.getValue().option(), e.getValue().option().shortText() + " (used by no device)");
            }
        }
        watchdogAction.ifPresent(action -> context.notModelled(action, "-watchdog-action without a watchdog device"));
        for (var e : chardevs.entrySet()) {
            if (!usedChardevs.contains(e.getKey())) {
                context.notModelled(e.getValue().option(), "-chardev " + e.getValue().text("backend").orElse("")
                        + " (id " + e.getKey() + ")");
            }
        }
    }

    // ------------------------------------------------------------------------------------------------
    // Disks

    /** A disk read so far: everything but its target name and (for -drive) its node names. */
    private static final class DiskDraft {
        final OptionValue value;
        final String driver;
        final String id;
        final DeviceAddress address;
        final BlockGraph.Chain chain;
        final DiskFrontend partial;
        /** The options written for it before its nodes: TLS credentials, a vhost-user socket's chardev. */
        final List<GenericDevice.Backend> backends;

        DiskDraft(OptionValue value, String driver, String id, DeviceAddress address, BlockGraph.Chain chain,
                DiskFrontend partial, List<GenericDevice.Backend> backends) {
            this.backends = backends;
            this.value = value;
            this.driver = driver;
            this.id = id;
            this.address = address;
            this.chain = chain;
            this.partial = partial;
        }

        OptionValue value() {
            return value;
        }

        /** The node numbers libvirt gives the disk: its image and each backing image; none if vhost-user. */
        int nodeNumbers() {
            return driver.equals(DiskDevice.VHOST_USER_BLK) ? 0 : 1 + chain.backing().size() / 2;
        }

        OptionalInt bootIndex() {
            return partial.bootIndex();
        }
    }

    private DiskDraft disk(DeviceEntry d, Optional<PciAddress> pciAddress, StorageAddresses storage) throws InputException {
        OptionValue v = d.value();
        String driver = d.driver();
        v.ignore("id", "driver");
        DeviceAddress address;
        if (SCSI_DISKS.contains(driver)) {
            address = storage.scsi(v);
        } else if (driver.equals("floppy")) {
            address = new FloppyAddress(v.integer("unit", FLOPPY_UNIT).orElse(0));
        } else if (driver.equals("usb-storage")) {
            address = new UsbAddress(v.text("bus").orElse("usb.0"), v.text("port").orElse("1"));
        } else if (IDE_DISKS.contains(driver)) {
            address = storage.ide(v);
        } else {
            address = pciAddress.orElseThrow();
        }
        boolean vhostUser = driver.equals(DiskDevice.VHOST_USER_BLK);
        List<GenericDevice.Backend> backends = new ArrayList<>();
        if (vhostUser) {
            // the backend serves the image through the socket of this chardev: there are no block nodes
            backends.addAll(chardevBackends(v, v.required("chardev")));
        }
        Optional<String> drive = v.text("drive");
        boolean cdrom = driver.endsWith("-cd");
        if (drive.isEmpty() && !cdrom && !driver.equals("floppy") && !vhostUser) {
            throw v.error(v.describe() + " has no drive=: only a CD-ROM or floppy drive can be empty");
        }
        BlockGraph.Chain chain = drive.isPresent() ? blocks.resolve(drive.get(), v)
                : new BlockGraph.Chain(List.of(), false, Optional.empty(), Optional.empty(), BlockGraph.ErrorPolicy.DEFAULT,
                        true, Optional.empty(), List.of());
        backends.addAll(tlsCredentials(v, chain));
        boolean virtio = VIRTIO_DISKS.contains(driver) || vhostUser;
        boolean scsi = SCSI_DISKS.contains(driver);
        Optional<String> iothread = virtio ? iothreadRef(v) : Optional.empty();
        OptionalInt queues = virtio ? v.integer("num-queues", VIRTIO_BLK_QUEUES) : OptionalInt.empty();
        OptionalInt queueSize = virtio ? v.integer("queue-size", VIRTIO_QUEUE_SIZE) : OptionalInt.empty();
        Optional<Boolean> ioeventfd = virtio ? v.bool("ioeventfd") : Optional.empty();
        Optional<Boolean> eventIdx = virtio ? v.bool("event_idx") : Optional.empty();
        VirtioOptions virtioOptions = virtio ? virtioOptions(v) : VirtioOptions.NONE;
        boolean passthrough = virtio && v.bool("scsi").orElse(false);
        if (passthrough || driver.equals("scsi-block")) {
            chain = chain.onBlockDevice();
        }
        BlockGraph.Chain resolved = chain;
        Optional<String> serialWritten = v.text("serial").or(resolved::serial);
        // QEMU's scsi-hd/scsi-cd identify themselves by device_id, else the serial, else the -drive's id
        Optional<String> deviceId = scsi && !driver.equals("scsi-block")
                ? v.text("device_id").or(() -> serialWritten.map(CommandLineReader::unescapeSerial))
                        .or(() -> resolved.fromDrive() ? drive : Optional.empty())
                : scsi ? v.text("device_id") : Optional.empty();
        Optional<BigInteger> wwn = virtio ? Optional.empty() : v.bigInteger("wwn", NumberRange.UINT64);
        OptionalInt rotation = virtio ? OptionalInt.empty() : v.integer("rotation_rate", NumberRange.UINT16);
        Optional<String> vendor = scsi ? v.text("vendor") : Optional.empty();
        Optional<String> product = scsi ? v.text("product") : Optional.empty();
        // libvirt gives scsi-block no write-cache; for the others a -drive cache mode implies one
        Optional<Boolean> writeCache = driver.equals("scsi-block") ? writeCache(v) : writeCache(v).or(chain::writeCache);
        Optional<String> serial = serialWritten;
        DiskFrontend frontend = new DiskFrontend(driver, d.id(), address, Optional.empty(), virtioOptions, iothread,
                ioeventfd, eventIdx, queues, queueSize, passthrough, deviceId, v.bool("share-rw").orElse(false),
                v.integer("bootindex", NumberRange.INT32), wwn, rotation, vendor, product, writeCache, serial,
                tuning(v, chain.errorPolicy(), IDE_DISKS.contains(driver)));
        origins.put(d.id(), v.position());
        context.unusedKeys(v);
        if (chain.unsupported().isPresent()) {
            context.warn(NOT_MODELLED, v.describe() + " " + d.id() + ": left out, " + chain.unsupported().get(),
                    v.position());
            return null;
        }
        return new DiskDraft(v, driver, d.id(), address, chain, frontend, backends);
    }

    /** The TLS credentials objects the chain's network nodes name ({@code tls-creds}), marked used. */
    private List<GenericDevice.Backend> tlsCredentials(OptionValue device, BlockGraph.Chain chain) throws InputException {
        List<GenericDevice.Backend> out = new ArrayList<>();
        List<BlockNode> images = new ArrayList<>(chain.backing());
        images.addAll(chain.nodes());
        for (BlockNode node : images) {
            if (node instanceof NetworkNode network && network.location().get("tls-creds") instanceof String id) {
                OptionValue object = backends.get(id);
                if (object == null) {
                    throw device.error(device.describe() + ": its -blockdev " + network.nodeName() + " has tls-creds="
                            + id + ", which names no -object");
                }
                usedBackends.add(id);
                out.add(GenericDevice.Backend.object(properties(object, Optional.empty())));
            }
        }
        return out;
    }

    /** Block sizes, geometry and error policy as a disk device's properties say, the -drive's policy under them. */
    private static DiskTuning tuning(OptionValue v, BlockGraph.ErrorPolicy drivePolicy, boolean ide)
            throws InputException {
        BlockGraph.ErrorPolicy devicePolicy = BlockGraph.ErrorPolicy.read(v);
        Optional<String> translation = ide ? v.text("bios-chs-trans") : Optional.empty();
        if (translation.isPresent() && !Set.of("none", "lba", "auto").contains(translation.get())) {
            throw v.error(v.describe() + ": bios-chs-trans='" + translation.get() + "' is not none, lba or auto");
        }
        return new DiskTuning(positive(v.integer("logical_block_size", BLOCK_SIZE)),
                positive(v.integer("physical_block_size", BLOCK_SIZE)),
                new ChsGeometry(positive(v.integer("cyls", NumberRange.INT32)), positive(v.integer("heads", NumberRange.INT32)),
                        positive(v.integer("secs", NumberRange.INT32)), translation),
                devicePolicy.onWrite().or(drivePolicy::onWrite), devicePolicy.onRead().or(drivePolicy::onRead),
                v.bool("removable"));
    }

    /** QEMU takes 0 as "not set" for sizes and geometry, as libvirt does. */
    private static OptionalInt positive(OptionalInt value) {
        return value.isPresent() && value.getAsInt() == 0 ? OptionalInt.empty() : value;
    }

    private static VirtioOptions virtioOptions(OptionValue v) throws InputException {
        return new VirtioOptions(v.bool("iommu_platform"), v.bool("ats"), v.bool("packed"), v.bool("page-per-vq"));
    }

    /** A serial as written on a command line has its spaces escaped ({@code 'a\\ b'}). */
    static String unescapeSerial(String serial) {
        return serial.replace("\\ ", " ");
    }

    private static Optional<Boolean> writeCache(OptionValue v) throws InputException {
        Optional<String> text = v.text("write-cache");
        if (text.isEmpty() || text.get().equals("auto")) {
            return Optional.empty();
        }
        return v.bool("write-cache");
    }

    private DiskDraft shorthandDisk(BlockGraph.DriveSpec spec, PciAddress pciAddress, StorageAddresses storage)
            throws InputException {
        OptionValue v = OptionValue.parse(spec.option());
        BlockGraph.Chain chain = blocks.resolveShorthand(spec);
        String driver;
        DeviceAddress address;
        switch (spec.iface()) {
            case "virtio" -> {
                driver = "virtio-blk-pci";
                address = pciAddress;
            }
            case "scsi" -> {
                driver = spec.cdrom() ? "scsi-cd" : "scsi-hd";
                address = storage.scsiShorthand(spec, v);
            }
            default -> {
                driver = spec.cdrom() ? "ide-cd" : "ide-hd";
                address = storage.ideShorthand(spec, v);
            }
        }
        origins.put(spec.id(), spec.option().position());
        if (chain.unsupported().isPresent()) {
            context.warn(NOT_MODELLED, "-drive " + spec.id() + ": left out, " + chain.unsupported().get(),
                    spec.option().position());
            return null;
        }
        Optional<String> deviceId = spec.iface().equals("scsi")
                ? Optional.of(chain.serial().map(CommandLineReader::unescapeSerial).orElse(spec.id())) : Optional.empty();
        DiskTuning tuning = new DiskTuning(OptionalInt.empty(), OptionalInt.empty(), ChsGeometry.NONE,
                chain.errorPolicy().onWrite(), chain.errorPolicy().onRead(), Optional.empty());
        DiskFrontend frontend = new DiskFrontend(driver, spec.id(), address, Optional.empty(), VirtioOptions.NONE,
                Optional.empty(), Optional.empty(), Optional.empty(), OptionalInt.empty(), OptionalInt.empty(), false,
                deviceId, false, OptionalInt.empty(), Optional.empty(), OptionalInt.empty(), Optional.empty(),
                Optional.empty(), chain.writeCache(), chain.serial(), tuning);
        return new DiskDraft(v, driver, spec.id(), address, chain, frontend, List.of());
    }

    /**
     * Turns the drafts into disks: -drive chains get libvirt's node names ({@code libvirt-N-storage},
     * {@code libvirt-N-format}, N counted from the last disk), every disk a target name.
     */
    private static List<Device> finishDisks(List<Object> devices, List<DiskDraft> drafts, MachineFamily family,
            List<IoThread> threads) {
        List<Device> others = devices.stream().filter(Device.class::isInstance).map(Device.class::cast).toList();
        LibvirtNumbering numbering = LibvirtNumbering.of(family, threads, others);
        List<LibvirtNumbering.Placement> placements = new ArrayList<>();
        List<OptionalInt> preferred = new ArrayList<>();
        for (DiskDraft draft : drafts) {
            LibvirtNumbering.Placement p = numbering.placement(draft.partial);
            placements.add(p);
            preferred.add(numbering.preferredIndex(draft.partial, p));
        }
        List<String> names = LibvirtNumbering.targetNames(placements, preferred);
        Map<DiskDraft, DiskDevice> finished = new HashMap<>();
        // libvirt numbers the images of the disks that have them (not vhost-user ones) from the last disk
        int index = drafts.stream().mapToInt(DiskDraft::nodeNumbers).sum() + 1;
        for (int i = 0; i < drafts.size(); i++) {
            DiskDraft draft = drafts.get(i);
            List<BlockNode> nodes = draft.chain.nodes();
            index -= draft.nodeNumbers();
            if (draft.chain.fromDrive() && !nodes.isEmpty()) {
                String storage = "libvirt-" + index + "-storage";
                String format = "libvirt-" + index + "-format";
                BlockNode storageNode = nodes.get(0) instanceof NetworkNode network ? network.renamed(storage)
                        : ((ProtocolNode) nodes.get(0)).renamed(storage);
                FormatNode f = (FormatNode) nodes.get(1);
                List<BlockNode> renamed = new ArrayList<>(List.of(storageNode, f.renamed(format, storage)));
                if (nodes.size() > 2 && nodes.get(2) instanceof FilterNode filter) {
                    // libvirt names its copy-on-read filter after the disk's target
                    renamed.add(new FilterNode("libvirt-CoR-" + names.get(i), filter.driver(), format, filter.discard()));
                }
                nodes = List.copyOf(renamed);
            }
            Optional<String> top = nodes.isEmpty() ? Optional.empty()
                    : Optional.of(nodes.get(nodes.size() - 1).nodeName());
            finished.put(draft, new DiskDevice(names.get(i), nodes, draft.partial.withDrive(top), draft.backends,
                    draft.chain.backing()));
        }
        List<Device> out = new ArrayList<>();
        for (Object d : devices) {
            out.add(d instanceof DiskDraft draft ? finished.get(draft) : (Device) d);
        }
        return out;
    }
}
