package dev.domxml.qemu;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.domxml.model.BackingLink;
import dev.domxml.model.BlockNode;
import dev.domxml.model.CacheFlags;
import dev.domxml.model.FilterNode;
import dev.domxml.model.FormatNode;
import dev.domxml.model.NetworkNode;
import dev.domxml.model.PrManager;
import dev.domxml.model.ProtocolNode;
import dev.domxml.xml.InputException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The block layer of a command line: {@code -blockdev} nodes (JSON or key=value, nested or linked by
 * node name) and {@code -drive}s, and what a device's {@code drive=} stands for: a protocol node (the
 * file or block device) under a format node (raw, qcow2), filters such as throttle passed through.
 */
final class BlockGraph {
    static final Set<String> PROTOCOLS = Set.of("file", "host_device", "host_cdrom");
    /**
     * Storage reached over the network, as libvirt writes it for a {@code <disk type='network'>}, and vvfat, a
     * host directory as a FAT image ({@code <disk type='dir'>}): nodes located by properties of their own.
     */
    static final Set<String> NETWORK_PROTOCOLS =
            Set.of("nbd", "http", "https", "ftp", "ftps", "gluster", "iscsi", "rbd", "sheepdog", "ssh", "nfs", "vvfat");
    private static final ObjectMapper JSON = new ObjectMapper();
    static final Set<String> FORMATS = Set.of("raw", "qcow2", "qcow", "vmdk", "vpc", "vdi", "qed", "vhdx", "luks",
            "parallels", "bochs", "cloop", "dmg");
    static final Set<String> FILTERS = Set.of("throttle", "copy-on-read", "preallocate");
    private static final Pattern URL_LIKE = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*:(?!\\\\).*");

    private final ReadContext context;
    private final Map<String, Node> nodes = new LinkedHashMap<>();
    private final Map<String, DriveSpec> drives = new LinkedHashMap<>();
    private final Map<String, QemuOption> users = new HashMap<>();
    private final List<Node> resolved = new ArrayList<>();
    /** The {@code pr-manager-helper} objects by id, and which of them a storage node names. */
    private final Map<String, PrManagerObject> prManagers = new LinkedHashMap<>();
    private final Set<String> prManagersUsed = new HashSet<>();

    BlockGraph(ReadContext context) {
        this.context = context;
    }

    private record PrManagerObject(PrManager manager, OptionValue value) {}

    /** One node of the graph, top-level or nested in its parent's JSON. */
    private record Node(String name, String driver, OptionValue value, boolean topLevel, Optional<String> child) {}

    /** What a {@code -drive} says, read at once (its keys are all known when it is read). */
    record DriveSpec(
            String id, String iface, QemuOption option, Optional<String> file, String protocolDriver, String format,
            Optional<CacheFlags> cache, Optional<Boolean> writeCache, Optional<String> aio, Optional<String> discard,
            Optional<String> detectZeroes, boolean readOnly, boolean cdrom, OptionalInt index, OptionalInt bus,
            OptionalInt unit, Optional<String> serial, ErrorPolicy errorPolicy, OptionalLong cacheSize,
            Map<String, Object> network, Optional<String> unsupported, boolean copyOnRead,
            Optional<String> prManager) {}

    /** The {@code werror}/{@code rerror} a -drive passes to its device (QEMU's default when absent). */
    record ErrorPolicy(Optional<String> onWrite, Optional<String> onRead) {
        static final ErrorPolicy DEFAULT = new ErrorPolicy(Optional.empty(), Optional.empty());

        /** Reads {@code werror}/{@code rerror} as QEMU does; 'auto' is its default, enospc is for writes only. */
        static ErrorPolicy read(OptionValue value) throws InputException {
            return new ErrorPolicy(action(value, "werror", Set.of("stop", "report", "ignore", "enospc")),
                    action(value, "rerror", Set.of("stop", "report", "ignore")));
        }

        private static Optional<String> action(OptionValue value, String key, Set<String> actions)
                throws InputException {
            Optional<String> action = value.text(key).filter(a -> !a.equals("auto"));
            if (action.isPresent() && !actions.contains(action.get())) {
                throw value.error(value.describe() + ": " + key + "='" + action.get() + "' is not "
                        + String.join(", ", new TreeSet<>(actions)) + " or auto");
            }
            return action;
        }
    }

    /**
     * What a frontend's {@code drive=} stands for: the model's nodes ({@code fromDrive}: made up for a
     * {@code -drive}, renamed libvirt's way later), the write cache, serial and error policy a {@code -drive}
     * implies, or why the storage cannot be modelled.
     */
    record Chain(List<BlockNode> nodes, boolean fromDrive, Optional<Boolean> writeCache, Optional<String> serial,
            ErrorPolicy errorPolicy, boolean cdrom, Optional<String> unsupported, List<BlockNode> backing) {
        static Chain unsupported(String why) {
            return new Chain(List.of(), false, Optional.empty(), Optional.empty(), ErrorPolicy.DEFAULT, false,
                    Optional.of(why), List.of());
        }

        Optional<FormatNode> format() {
            return nodes.stream().filter(FormatNode.class::isInstance).map(FormatNode.class::cast).findFirst();
        }

        /** A -drive under a device that needs a host block device (scsi-block, virtio-blk scsi=on) is one. */
        Chain onBlockDevice() {
            if (!fromDrive || nodes.isEmpty() || !(nodes.get(0) instanceof ProtocolNode p) || !p.driver().equals("file")) {
                return this;
            }
            List<BlockNode> out = new ArrayList<>(nodes);
            out.set(0, p.withDriver("host_device"));
            return new Chain(out, fromDrive, writeCache, serial, errorPolicy, cdrom, unsupported, backing);
        }

        Optional<String> top() {
            return nodes.isEmpty() ? Optional.empty() : Optional.of(nodes.get(nodes.size() - 1).nodeName());
        }
    }

    /** {@code -object pr-manager-helper}: a reservations helper a storage node may name ({@code pr-manager}). */
    void addPrManager(OptionValue value) throws InputException {
        String id = value.required("id");
        if (prManagers.containsKey(id)) {
            throw value.error("-object pr-manager-helper id '" + id + "' is already used at "
                    + prManagers.get(id).value().position());
        }
        prManagers.put(id, new PrManagerObject(new PrManager(id, value.required("path")), value));
        context.unusedKeys(value);
    }

    /** The helper a storage node names, marked used; naming none that is defined is an error at the node. */
    private Optional<PrManager> prManager(Optional<String> id, String where, QemuOption option) throws InputException {
        if (id.isEmpty()) {
            return Optional.empty();
        }
        PrManagerObject object = prManagers.get(id.get());
        if (object == null) {
            throw new InputException(option.position(), where + ": pr-manager=" + id.get()
                    + " names no -object pr-manager-helper");
        }
        prManagersUsed.add(id.get());
        return Optional.of(object.manager());
    }

    void addBlockdev(OptionValue value) throws InputException {
        add(value, true, "");
    }

    private String add(OptionValue value, boolean topLevel, String parent) throws InputException {
        String driver = value.required("driver");
        Optional<String> given = value.text("node-name");
        if (topLevel && given.isEmpty()) {
            throw value.error(value.describe() + " has no node-name");
        }
        String name = given.orElse(parent + ".file");
        if (nodes.containsKey(name)) {
            throw value.error(value.describe() + ": node-name '" + name + "' is already used by "
                    + nodes.get(name).value().option().shortText() + " at " + nodes.get(name).value().position());
        }
        Optional<String> child = Optional.empty();
        Optional<JsonNode> file = value.raw("file");
        if (file.isPresent() && file.get().isObject()) {
            OptionValue nested = value.object("file").orElseThrow();
            child = Optional.of(add(nested, false, name));
        } else if (file.isPresent() && !file.get().isNull()) {
            child = Optional.of(file.get().asText());
        }
        nodes.put(name, new Node(name, driver, value, topLevel, child));
        return name;
    }

    /** Reads a {@code -drive}: its block options and, for the if= shorthands, where its device goes. */
    DriveSpec addDrive(OptionValue value, int ordinal) throws InputException {
        String iface = value.text("if").orElse("ide");
        Optional<String> media = value.text("media");
        if (media.isPresent() && !Set.of("disk", "cdrom").contains(media.get())) {
            throw value.error(value.describe() + ": media='" + media.get() + "' is neither disk nor cdrom");
        }
        boolean cdrom = media.equals(Optional.of("cdrom"));
        OptionalInt index = value.integer("index", placeRange(iface, "index"));
        OptionalInt bus = value.integer("bus", placeRange(iface, "bus"));
        OptionalInt unit = value.integer("unit", placeRange(iface, "unit"));
        String id = value.text("id").orElse(defaultDriveId(iface, index.orElse(ordinal), bus, unit, cdrom));
        Optional<String> file = value.text("file").or(() -> value.text("file.filename")).filter(f -> !f.isEmpty());
        String protocol = value.text("file.driver")
                .orElse(file.isPresent() && file.get().startsWith("/dev/")
                        ? ProtocolNode.hostDeviceDriver(file.get(), cdrom) : "file");
        Optional<String> unsupported = Optional.empty();
        Map<String, Object> network = Map.of();
        if (file.isPresent() && file.get().startsWith("json:")) {
            // QEMU's json: pseudo-protocol: the storage node's options as one JSON object
            Map<String, Object> storage = jsonStorage(value, file.get().substring("json:".length()));
            protocol = String.valueOf(storage.getOrDefault("driver", ""));
            storage.remove("driver");
            network = storage;
            if (!NETWORK_PROTOCOLS.contains(protocol)) {
                unsupported = Optional.of("-drive file=json:{\"driver\":\"" + protocol + "\",...} is not in the model");
            }
        } else if (file.isPresent() && URL_LIKE.matcher(file.get()).matches()) {
            unsupported = Optional.of("-drive file=" + file.get() + " (network storage) is not in the model");
        } else if (!PROTOCOLS.contains(protocol)) {
            unsupported = Optional.of("-drive file.driver=" + protocol + " is not in the model");
        }
        Optional<String> format = value.text("format");
        if (format.isEmpty() && file.isPresent()) {
            context.warn(CommandLineReader.ASSUMED, "-drive " + id + " has no format=: QEMU would probe the image;"
                    + " assuming raw", value.position());
        }
        if (format.isPresent() && !FORMATS.contains(format.get())) {
            unsupported = Optional.of("-drive format=" + format.get() + " is not in the model");
        }
        Optional<CacheFlags> cache = Optional.empty();
        Optional<Boolean> writeCache = Optional.empty();
        Optional<String> mode = value.text("cache");
        if (mode.isPresent()) {
            cache = Optional.of(switch (mode.get()) {
                case "none", "off" -> new CacheFlags(true, false);
                case "writeback", "writethrough" -> new CacheFlags(false, false);
                case "directsync" -> new CacheFlags(true, false);
                case "unsafe" -> new CacheFlags(false, true);
                default -> throw value.error(value.describe() + ": cache='" + mode.get() + "' is not a cache mode"
                        + " (none, writeback, writethrough, directsync, unsafe)");
            });
            writeCache = Optional.of(!mode.get().equals("writethrough") && !mode.get().equals("directsync"));
        }
        Optional<Boolean> direct = value.bool("cache.direct");
        Optional<Boolean> noFlush = value.bool("cache.no-flush");
        if (direct.isPresent() || noFlush.isPresent()) {
            CacheFlags base = cache.orElse(new CacheFlags(false, false));
            cache = Optional.of(new CacheFlags(direct.orElse(base.direct()), noFlush.orElse(base.noFlush())));
        }
        Optional<String> discard = value.text("discard").map(d -> switch (d) {
            case "on", "unmap" -> "unmap";
            case "off", "ignore" -> "ignore";
            default -> d;
        });
        if (discard.isPresent() && !Set.of("unmap", "ignore").contains(discard.get())) {
            throw value.error(value.describe() + ": discard='" + discard.get() + "' is not on/unmap or off/ignore");
        }
        Optional<String> detectZeroes = value.text("detect-zeroes");
        if (detectZeroes.isPresent() && !Set.of("on", "off", "unmap").contains(detectZeroes.get())) {
            throw value.error(value.describe() + ": detect-zeroes='" + detectZeroes.get() + "' is not on, off or unmap");
        }
        Optional<String> aio = value.text("aio");
        if (aio.isPresent() && !Set.of("native", "threads", "io_uring").contains(aio.get())) {
            throw value.error(value.describe() + ": aio='" + aio.get() + "' is not native, threads or io_uring");
        }
        boolean readOnly = value.bool("readonly").orElse(false) || cdrom;
        ErrorPolicy errorPolicy = ErrorPolicy.read(value);
        Optional<Long> cacheSize = value.number("cache-size", NumberRange.BYTES).filter(bytes -> bytes > 0);
        if (cacheSize.isPresent() && !format.orElse("raw").equals("qcow2")) {
            throw value.error(value.describe() + ": cache-size (the metadata cache) needs format=qcow2");
        }
        Optional<String> prManager = value.text("file.pr-manager");
        value.ignore("id", "if", "media", "format", "file", "file.filename", "file.driver");
        DriveSpec spec = new DriveSpec(id, iface, value.option(), file, protocol, format.orElse("raw"), cache, writeCache,
                aio, discard, detectZeroes, readOnly, cdrom, index, bus, unit, value.text("serial"), errorPolicy,
                cacheSize.map(OptionalLong::of).orElse(OptionalLong.empty()), network, unsupported,
                value.bool("copy-on-read").orElse(false), prManager);
        context.unusedKeys(value);
        if (drives.containsKey(id)) {
            throw value.error("-drive id '" + id + "' is already used by the -drive at " + drives.get(id).option().position());
        }
        drives.put(id, spec);
        return spec;
    }

    /**
     * Where QEMU 7.2 can put an if=ide or if=scsi drive on any machine: IDE has at most 6 buses (q35's
     * SATA ports) of 2 units (pc), SCSI 7 units a bus. {@link StorageAddresses} narrows this to the
     * machine. Negative numbers are refused too (QEMU takes -1 as "not given", and refuses the others).
     */
    private static NumberRange placeRange(String iface, String key) {
        return switch (iface + "/" + key) {
            case "ide/index", "ide/bus" -> NumberRange.of(0, 5).where("for if=ide");
            case "ide/unit" -> NumberRange.of(0, 1).where("for if=ide");
            case "scsi/unit" -> NumberRange.of(0, 6).where("for if=scsi: 7 units a bus");
            default -> NumberRange.COUNT;
        };
    }

    /** QEMU's own ids for drives without one: {@code ide0-hd0}, {@code scsi0-cd1}, {@code virtio0}. */
    private static String defaultDriveId(String iface, int index, OptionalInt bus, OptionalInt unit, boolean cdrom) {
        return switch (iface) {
            case "virtio" -> "virtio" + index;
            case "ide" -> "ide" + bus.orElse(index / 2) + "-" + (cdrom ? "cd" : "hd") + unit.orElse(index % 2);
            case "scsi" -> "scsi" + bus.orElse(index / 7) + "-" + (cdrom ? "cd" : "hd") + unit.orElse(index % 7);
            default -> iface + index;
        };
    }

    boolean isDrive(String name) {
        return drives.containsKey(name);
    }

    /** The chain behind a {@code drive=} reference; a dangling or second use is an error at the device. */
    Chain resolve(String reference, OptionValue device) throws InputException {
        QemuOption previous = users.get(reference);
        if (previous != null) {
            throw device.error(device.describe() + ": drive=" + reference + " is already used by "
                    + previous.shortText() + " at " + previous.position());
        }
        if (drives.containsKey(reference)) {
            users.put(reference, device.option());
            return chain(drives.get(reference));
        }
        Node node = nodes.get(reference);
        if (node == null) {
            throw device.error(device.describe() + ": drive=" + reference + " names no -drive id or -blockdev node-name");
        }
        users.put(reference, device.option());
        return chain(node);
    }

    /**
     * The {@code -blockdev} a device uses as written, not as a disk's chain (a SCSI host device's iscsi or
     * host_device node): its options, which become the device's.
     */
    OptionValue take(String reference, OptionValue device) throws InputException {
        QemuOption previous = users.get(reference);
        if (previous != null) {
            throw device.error(device.describe() + ": drive=" + reference + " is already used by "
                    + previous.shortText() + " at " + previous.position());
        }
        Node node = nodes.get(reference);
        if (node == null || !node.topLevel()) {
            throw device.error(device.describe() + ": drive=" + reference + " names no -blockdev node-name");
        }
        users.put(reference, device.option());
        return node.value();
    }

    /** The chain of a shorthand {@code -drive if=virtio|scsi|ide}, which is its own device. */
    Chain resolveShorthand(DriveSpec spec) throws InputException {
        users.put(spec.id(), spec.option());
        return chain(spec);
    }

    private Chain chain(DriveSpec d) throws InputException {
        if (d.unsupported().isPresent()) {
            return Chain.unsupported(d.unsupported().get());
        }
        if (d.file().isEmpty()) {
            return new Chain(List.of(), true, d.writeCache(), d.serial(), d.errorPolicy(), d.cdrom(), Optional.empty(),
                    List.of());
        }
        String storage = "#" + d.id() + "-storage";
        String format = "#" + d.id() + "-format";
        BlockNode storageNode = d.network().isEmpty()
                ? new ProtocolNode(storage, d.protocolDriver(), d.file().get(), d.aio(), d.cache(), true, "unmap")
                        .withPrManager(prManager(d.prManager(), "-drive " + d.id(), d.option()))
                : new NetworkNode(storage, d.protocolDriver(), d.network(), d.cache(), true, "unmap");
        List<BlockNode> nodes = new ArrayList<>(List.of(storageNode,
                new FormatNode(format, d.format(), d.readOnly(), d.discard(), d.detectZeroes(), d.cache(), d.cacheSize(),
                        storage, BackingLink.FROM_IMAGE)));
        if (d.copyOnRead()) {
            nodes.add(new FilterNode("#" + d.id() + "-cor", "copy-on-read", format, "unmap"));
        }
        return new Chain(nodes, true, d.writeCache(), d.serial(), d.errorPolicy(), d.cdrom(), Optional.empty(),
                List.of());
    }

    private Chain chain(Node top) throws InputException {
        Node node = top;
        resolved.add(top);
        List<String> filters = new ArrayList<>();
        // QEMU needs a node's file= defined before it, so its chains cannot loop; read here in any order, they could
        Set<String> seen = new HashSet<>(List.of(top.name()));
        Optional<Node> copyOnRead = Optional.empty();
        while (FILTERS.contains(node.driver())) {
            if (node.driver().equals("copy-on-read") && node == top) {
                copyOnRead = Optional.of(node); // libvirt's own filter: in the model
                node.value().ignore("discard");
            } else {
                filters.add(node.driver());
            }
            node.value().ignore("throttle-group");
            node = child(node);
            if (!seen.add(node.name())) {
                throw top.value().error(top.value().describe() + " " + top.name() + ": its file= chain loops back to "
                        + node.name());
            }
        }
        if (!filters.isEmpty()) {
            context.warnOnce(CommandLineReader.NOT_MODELLED, "-blockdev " + String.join(", ", filters)
                    + " filter node: not in the model, the disk is read as the nodes below it", top.value().position());
        }
        Node format = null;
        Node protocol;
        if (FORMATS.contains(node.driver())) {
            format = node;
            protocol = child(node);
        } else {
            protocol = node;
        }
        boolean network = NETWORK_PROTOCOLS.contains(protocol.driver());
        if (network && copyOnRead.isPresent()) {
            context.warnOnce(CommandLineReader.NOT_MODELLED, "-blockdev copy-on-read over a network disk: not in the"
                    + " model, the disk is read as the nodes below it", top.value().position());
        }
        if (!network && !PROTOCOLS.contains(protocol.driver())) {
            resolved.remove(top);
            return Chain.unsupported(unsupportedStorage(protocol));
        }
        List<BlockNode> out = new ArrayList<>();
        out.add(storageNode(protocol));
        if (protocol != top) {
            resolved.add(protocol);
        }
        List<BlockNode> backing = List.of();
        if (format != null) {
            backing = backingImages(format, seen);
            out.add(formatNode(format, protocol));
            if (format != top) {
                resolved.add(format);
            }
        } else {
            context.warn(CommandLineReader.ASSUMED, top.value().describe() + " " + top.name()
                    + " is a storage node with no format node above it: the XML says raw", top.value().position());
        }
        if (copyOnRead.isPresent() && format != null && !network) {
            out.add(new FilterNode(copyOnRead.get().name(), "copy-on-read", format.name(), "unmap"));
        }
        return new Chain(out, false, Optional.empty(), Optional.empty(), ErrorPolicy.DEFAULT,
                protocol.driver().equals("host_cdrom"), Optional.empty(), backing);
    }

    private static String unsupportedStorage(Node protocol) {
        return "-blockdev driver '" + protocol.driver() + "' is not in the model (only "
                + "file, host_device and host_cdrom storage under raw, qcow2, ... formats)";
    }

    /**
     * The images below a format node, followed through {@code backing}: each a format node on a storage node,
     * the deepest first, as libvirt writes them.
     */
    private List<BlockNode> backingImages(Node format, Set<String> seen) throws InputException {
        Optional<JsonNode> link = format.value().raw("backing");
        if (link.isEmpty() || link.get().isNull()) {
            return List.of();
        }
        OptionValue f = format.value();
        String name = link.get().asText();
        Node image = nodes.get(name);
        if (image == null) {
            throw f.error(f.describe() + " " + format.name() + ": backing=" + name + " names no -blockdev node-name");
        }
        if (!seen.add(name)) {
            throw f.error(f.describe() + " " + format.name() + ": its backing chain loops back to " + name);
        }
        if (!FORMATS.contains(image.driver())) {
            throw f.error(f.describe() + " " + format.name() + ": backing=" + name + " is a '" + image.driver()
                    + "' node; the model has a format node on a storage node there");
        }
        Node storage = child(image);
        if (!PROTOCOLS.contains(storage.driver()) && !NETWORK_PROTOCOLS.contains(storage.driver())) {
            throw f.error(f.describe() + " " + format.name() + ": backing image " + name + ": "
                    + unsupportedStorage(storage));
        }
        List<BlockNode> out = new ArrayList<>(backingImages(image, seen));
        out.add(storageNode(storage));
        out.add(formatNode(image, storage));
        resolved.add(storage);
        resolved.add(image);
        return out;
    }

    /** A storage node: a file or block device, or storage on the network kept as QEMU's properties say it. */
    private BlockNode storageNode(Node protocol) throws InputException {
        OptionValue p = protocol.value();
        p.ignore("read-only");
        if (!NETWORK_PROTOCOLS.contains(protocol.driver())) {
            return new ProtocolNode(protocol.name(), protocol.driver(), p.required("filename"), p.text("aio"), cache(p),
                    p.bool("auto-read-only").orElse(false), p.text("discard").orElse("ignore"),
                    prManager(p.text("pr-manager"), p.describe() + " " + protocol.name(), p.option()));
        }
        Map<String, Object> location = new LinkedHashMap<>();
        for (String key : p.keys()) {
            if (!Set.of("driver", "node-name", "cache", "auto-read-only", "discard", "read-only").contains(key)) {
                location.put(key, JSON.convertValue(p.raw(key).orElseThrow(), Object.class));
            }
        }
        p.ignore(location.keySet().toArray(String[]::new));
        return new NetworkNode(protocol.name(), protocol.driver(), location, cache(p),
                p.bool("auto-read-only").orElse(false), p.text("discard").orElse("ignore"));
    }

    private FormatNode formatNode(Node format, Node storage) throws InputException {
        OptionValue f = format.value();
        Optional<JsonNode> link = f.raw("backing");
        f.ignore("backing");
        BackingLink backing = link.isEmpty() ? BackingLink.FROM_IMAGE
                : link.get().isNull() ? BackingLink.NONE : new BackingLink.Node(link.get().asText());
        Optional<Long> cacheSize = format.driver().equals("qcow2")
                ? f.number("cache-size", NumberRange.BYTES).filter(bytes -> bytes > 0) : Optional.empty();
        return new FormatNode(format.name(), format.driver(), f.bool("read-only").orElse(false), f.text("discard"),
                f.text("detect-zeroes"), cache(f), cacheSize.map(OptionalLong::of).orElse(OptionalLong.empty()),
                storage.name(), backing);
    }

    /**
     * The storage node's options in QEMU's {@code json:{...}} pseudo-protocol, as a map: the object itself, or
     * its "file" when it names no driver (the form QEMU takes beside format=, which opens the node above it).
     */
    static Map<String, Object> jsonStorage(OptionValue value, String json) throws InputException {
        try {
            Object parsed = JSON.readValue(json, Object.class);
            if (parsed instanceof Map<?, ?> outer && !outer.containsKey("driver") && outer.get("file") instanceof Map<?, ?> file) {
                parsed = file;
            }
            if (parsed instanceof Map<?, ?> map) {
                Map<String, Object> storage = new LinkedHashMap<>();
                map.forEach((k, v) -> storage.put(String.valueOf(k), v));
                return storage;
            }
        } catch (IOException e) {
            // reported below
        }
        throw value.error(value.describe() + ": file=json:... is not a JSON object");
    }

    private static Optional<CacheFlags> cache(OptionValue value) throws InputException {
        Optional<OptionValue> cache = value.object("cache");
        if (cache.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new CacheFlags(cache.get().bool("direct").orElse(false), cache.get().bool("no-flush").orElse(false)));
    }

    private Node child(Node node) throws InputException {
        if (node.child().isEmpty()) {
            throw node.value().error(node.value().describe() + " " + node.name() + " has no file= (the node below it)");
        }
        Node child = nodes.get(node.child().get());
        if (child == null) {
            throw node.value().error(node.value().describe() + " " + node.name() + ": file=" + node.child().get()
                    + " names no -blockdev node-name");
        }
        return child;
    }

    /** After all devices are read: unused keys of the nodes in use, and what no device uses. */
    void reportLeftovers() {
        java.util.Set<String> children = new java.util.HashSet<>();
        nodes.values().forEach(n -> n.child().ifPresent(children::add));
        for (Node node : nodes.values()) {
            // a backing image is in a chain (resolved) without being a file= child or a device's drive=
            if (node.topLevel() && !children.contains(node.name()) && !users.containsKey(node.name())
                    && !resolved.contains(node)) {
                context.warn(CommandLineReader.UNUSED, "-blockdev " + node.name() + " is used by no device: left out",
                        node.value().position());
            }
        }
        for (Node node : resolved) {
            if (node.topLevel()) {
                context.unusedKeys(node.value());
            }
        }
        for (PrManagerObject object : prManagers.values()) {
            if (!prManagersUsed.contains(object.manager().id())) {
                context.warn(CommandLineReader.UNUSED, "-object pr-manager-helper " + object.manager().id()
                        + " is named by no disk's storage (pr-manager): left out", object.value().position());
            }
        }
        for (DriveSpec drive : drives.values()) {
            if (!users.containsKey(drive.id())) {
                context.warn(CommandLineReader.UNUSED, "-drive " + drive.id() + " is used by no device: left out",
                        drive.option().position());
            }
        }
    }

}
