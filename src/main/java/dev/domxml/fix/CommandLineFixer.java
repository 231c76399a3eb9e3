package dev.domxml.fix;

import dev.domxml.model.Device;
import dev.domxml.model.DiskDevice;
import dev.domxml.model.IoThread;
import dev.domxml.model.MachineFamily;
import dev.domxml.model.PciAddress;
import dev.domxml.model.PciePort;
import dev.domxml.model.ScsiAddress;
import dev.domxml.model.StorageController;
import dev.domxml.model.StorageControllerKind;
import dev.domxml.qemu.CommandLineReader;
import dev.domxml.qemu.QemuOption;
import dev.domxml.qemu.Word;
import dev.domxml.report.SourcePosition;
import dev.domxml.xml.InputException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The iothread fix for a QEMU command line, with the same policy as {@link DomainFixer}: a SCSI disk that
 * shares a virtio-scsi controller moves to a {@code virtio-scsi-pci} of its own, every such controller and
 * every {@code virtio-blk-pci} gets {@code iothread=} bound to its own {@code -object iothread} (or to a
 * pool of N). The user's options are edited where they stand and keep their style (key=value as Proxmox
 * VE writes them, JSON as libvirt does); every other option is kept as written.
 */
public final class CommandLineFixer {
    private final CommandLineReader.Result read;
    private final FixOptions options;
    private final List<Line> lines = new ArrayList<>();
    private final Map<SourcePosition, Line> byPosition = new HashMap<>();
    private final boolean json;
    private final Set<String> ids = new HashSet<>();
    private final Set<String> threads = new LinkedHashSet<>();
    private final Map<String, Set<Integer>> slotsTaken = new HashMap<>();
    private final List<String> changes = new ArrayList<>();
    private final Set<String> declared = new LinkedHashSet<>();
    private ThreadAssignment<String> assignment;

    /** One option of the line, as edited, with the options the fix puts before it. */
    private static final class Line {
        final String name;
        final Optional<String> value;
        String edited;
        final List<String[]> objects = new ArrayList<>();
        final List<String[]> before = new ArrayList<>();

        Line(QemuOption option) {
            this.name = option.name();
            this.value = option.valueWord().map(Word::text);
            this.edited = value.orElse(null);
        }
    }

    private CommandLineFixer(CommandLineReader.Result read, FixOptions options) {
        this.read = read;
        this.options = options;
        for (QemuOption option : read.options()) {
            Line line = new Line(option);
            lines.add(line);
            byPosition.put(option.position(), line);
        }
        json = read.options().stream().anyMatch(o -> o.name().equals("-device") && o.valueText().startsWith("{"));
        read.model().devices().stream().map(Device::id).forEach(ids::add);
        read.model().iothreads().stream().map(IoThread::id).forEach(threads::add);
        ids.addAll(threads);
        for (Device device : read.model().devices()) {
            device.pciAddress().ifPresent(a -> slotsTaken.computeIfAbsent(a.bus(), b -> new HashSet<>()).add(a.slot()));
        }
    }

    /** Fixes {@code text}; a line the reader refuses is an {@link InputException}, as for any command. */
    public static FixResult fix(String text, String fileName, FixOptions options) throws InputException {
        CommandLineReader.Result read = CommandLineReader.read(text, fileName);
        FixResult result = new CommandLineFixer(read, options).fix(text);
        if (result.changed()) {
            try {
                CommandLineReader.read(result.fixed(), fileName);
            } catch (InputException e) {
                throw new IllegalStateException("fix produced a command line QEMU would refuse: " + e.getMessage(), e);
            }
        }
        return result;
    }

    private FixResult fix(String text) {
        assignment = new ThreadAssignment<>(options, threads, () -> newThread("iothread", Optional.empty()));
        Map<String, List<DiskDevice>> scsiByController = new LinkedHashMap<>();
        for (DiskDevice disk : read.model().devicesOf(DiskDevice.class)) {
            if (disk.frontend().address() instanceof ScsiAddress scsi) {
                scsiByController.computeIfAbsent(controllerOf(scsi), c -> new ArrayList<>()).add(disk);
            }
        }
        scsiByController.forEach(this::fixScsiController);
        for (DiskDevice disk : read.model().devicesOf(DiskDevice.class)) {
            if (disk.frontend().driver().startsWith("virtio-blk")) {
                fixVirtioDisk(disk);
            }
        }
        if (changes.isEmpty()) {
            return new FixResult(text, text, changes);
        }
        if (!declared.isEmpty()) {
            changes.add("-object iothread added: " + String.join(", ", declared));
        }
        return new FixResult(text, CommandLineLayout.of(text).render(prefix(), flatten()), changes);
    }

    private void fixScsiController(String controllerId, List<DiskDevice> disks) {
        Optional<StorageController> found = read.model().devicesOf(StorageController.class).stream()
                .filter(c -> c.id().equals(controllerId)).findFirst();
        Optional<Line> controllerLine = found.flatMap(this::lineOf);
        String names = String.join(", ", disks.stream().map(DiskDevice::id).toList());
        if (found.isEmpty() || controllerLine.isEmpty() || !controllerLine.get().name.equals("-device")) {
            changes.add("left alone: " + names + " on controller " + controllerId + ", which -drive if=scsi makes"
                    + " implicitly; write -device virtio-scsi-pci and -device scsi-hd to give it an iothread");
            return;
        }
        StorageController controller = found.get();
        Line line = controllerLine.get();
        if (controller.kind() != StorageControllerKind.VIRTIO_SCSI) {
            if (!options.convertEmulated()) {
                changes.add("left alone: " + names + " on emulated " + controller.kind().qemuDriver() + " controller "
                        + controllerId + " (use --convert-emulated to make it virtio-scsi-pci; the guest needs the"
                        + " virtio-scsi driver)");
                return;
            }
            line.edited = OptionText.setImplied(line.edited, "driver", "virtio-scsi-pci");
            changes.add(controllerId + ": " + controller.kind().qemuDriver() + " changed to virtio-scsi-pci; the guest"
                    + " needs the virtio-scsi driver");
        }
        List<DiskDevice> movable = new ArrayList<>();
        for (DiskDevice disk : disks) {
            Optional<Line> diskLine = lineOf(disk).filter(l -> l.name.equals("-device"));
            if (diskLine.isPresent()) {
                movable.add(disk);
            } else {
                changes.add("left alone: " + disk.id() + ", a -drive if=scsi shorthand; write it as -drive if=none"
                        + " plus -device scsi-hd to move it to a controller of its own");
            }
        }
        if (movable.isEmpty()) {
            return;
        }
        Optional<String> current = controller.iothread().filter(threads::contains);
        String thread = current.isPresent() && assignment.claimable(current.get()) ? assignment.claim(current.get())
                : threadFor(controllerId, line);
        if (!Optional.of(thread).equals(controller.iothread())) {
            line.edited = OptionText.set(line.edited, "iothread", thread);
            changes.add(controllerId + ": runs in iothread " + thread + " (" + movable.get(0).id() + ")");
        }
        for (DiskDevice disk : movable.subList(1, movable.size())) {
            moveToOwnController(controller, disk, lineOf(disk).orElseThrow(), line);
        }
    }

    private void moveToOwnController(StorageController shared, DiskDevice disk, Line diskLine, Line sharedLine) {
        String id = freeId(stem(shared.id()));
        ids.add(id);
        String thread = threadFor(id, diskLine);
        List<String[]> properties = new ArrayList<>();
        if (json) {
            properties.add(new String[] {"iothread", thread});
            properties.add(new String[] {"id", id});
        } else {
            properties.add(new String[] {"id", id});
        }
        placeLike(shared, sharedLine).forEach(properties::add);
        if (!json) {
            properties.add(new String[] {"iothread", thread});
        }
        diskLine.before.add(new String[] {"-device", OptionText.create(json, "driver", "virtio-scsi-pci", properties)});
        ScsiAddress old = (ScsiAddress) disk.frontend().address();
        diskLine.edited = OptionText.set(diskLine.edited, "bus", id + ".0");
        for (String key : List.of("scsi-id", "lun")) {
            if (OptionText.has(diskLine.value.orElse(""), key)) {
                diskLine.edited = OptionText.setNumber(diskLine.edited, key, 0);
            }
        }
        changes.add(disk.id() + ": moved from " + shared.id() + " (scsi-id " + old.scsiId()
                + old.lun().stream().mapToObj(l -> ", lun " + l).findFirst().orElse("") + ") to new virtio-scsi-pci " + id
                + " with iothread " + thread + ": the disk's guest-visible SCSI address changed");
    }

    /** bus= and addr= for a new controller beside {@code shared}, when the user placed that one by hand. */
    private List<String[]> placeLike(StorageController shared, Line sharedLine) {
        String value = sharedLine.value.orElse("");
        String bus = shared.pciAddress().map(PciAddress::bus).orElse("");
        boolean rootPort = read.model().devicesOf(PciePort.class).stream().anyMatch(p -> p.id().equals(bus));
        if (!OptionText.has(value, "bus") && !OptionText.has(value, "addr") || rootPort) {
            return List.of();
        }
        List<String[]> out = new ArrayList<>();
        out.add(new String[] {"bus", bus});
        if (OptionText.has(value, "addr")) {
            out.add(new String[] {"addr", PciAddress.of(bus, freeSlot(bus), 0).addr()});
        }
        return out;
    }

    private int freeSlot(String bus) {
        MachineFamily family = read.model().machine().family();
        boolean root = bus.equals(family.rootBus());
        int first = root ? family.firstRootSlot() : 1;
        int last = root ? family.lastRootSlot() : 31;
        Set<Integer> taken = slotsTaken.computeIfAbsent(bus, b -> new HashSet<>());
        for (int slot = first; slot <= last; slot++) {
            if (taken.add(slot)) {
                return slot;
            }
        }
        throw new FixRefused("no free PCI slot left on " + bus + " for another virtio-scsi-pci controller");
    }

    private void fixVirtioDisk(DiskDevice disk) {
        Optional<Line> found = lineOf(disk);
        if (found.isEmpty() || !found.get().name.equals("-device")) {
            changes.add("left alone: " + disk.id() + ", a -drive if=virtio shorthand, which cannot name an iothread;"
                    + " write it as -drive if=none plus -device virtio-blk-pci");
            return;
        }
        Line line = found.get();
        Optional<String> current = disk.frontend().iothread();
        if (current.isPresent() && threads.contains(current.get())
                && assignment.claimable(current.get())) {
            assignment.claim(current.get());
            return;
        }
        String thread = threadFor(disk.id(), line);
        line.edited = OptionText.set(line.edited, "iothread", thread);
        changes.add(disk.id() + ": runs in iothread " + thread
                + current.map(c -> " (was iothread " + c + ", shared or undefined)").orElse(""));
    }

    /** A thread of its own for {@code owner} (declared just before {@code line}), or the pool's next one. */
    private String threadFor(String owner, Line line) {
        if (assignment.pooled()) {
            String thread = assignment.nextFromPool();
            declareBefore(thread, firstStorageLine().orElse(line));
            return thread;
        }
        return assignment.claim(newThread(json ? "iothread" : "iothread-" + owner, Optional.of(line)));
    }

    private String newThread(String base, Optional<Line> before) {
        String id = json || ids.contains(base) || base.equals("iothread") ? freeId(base) : base;
        ids.add(id);
        threads.add(id);
        before.ifPresent(line -> declareBefore(id, line));
        return id;
    }

    private void declareBefore(String thread, Line line) {
        if (read.model().iothreads().stream().anyMatch(t -> t.id().equals(thread)) || !declared.add(thread)) {
            return;
        }
        line.objects.add(new String[] {"-object", json
                ? OptionText.create(true, "qom-type", "iothread", List.<String[]>of(new String[] {"id", thread}))
                : "iothread,id=" + thread});
    }

    private Optional<Line> firstStorageLine() {
        return lines.stream().filter(l -> l.name.equals("-device") && l.value.isPresent()
                && (l.value.get().contains("scsi") || l.value.get().contains("virtio-blk"))).findFirst();
    }

    private String freeId(String base) {
        int n = 1;
        while (ids.contains(base + n)) {
            n++;
        }
        return base + n;
    }

    private Optional<Line> lineOf(Device device) {
        return read.sources().of(device.id()).map(byPosition::get);
    }

    private List<String> prefix() {
        return read.prefix().stream().map(Word::text).toList();
    }

    private List<String[]> flatten() {
        List<String[]> out = new ArrayList<>();
        for (Line line : lines) {
            out.addAll(line.objects);
            out.addAll(line.before);
            out.add(new String[] {line.name, line.edited});
        }
        return out;
    }

    private static String controllerOf(ScsiAddress address) {
        int dot = address.bus().lastIndexOf('.');
        return dot < 0 ? address.bus() : address.bus().substring(0, dot);
    }

    /** "scsihw0" → "scsihw", "scsi0" → "scsi": new controllers are numbered like their neighbour. */
    private static String stem(String id) {
        String stem = id.replaceFirst("\\d+$", "");
        return stem.isEmpty() ? "scsi" : stem;
    }

    /** A line the fix cannot improve without breaking it. */
    public static final class FixRefused extends RuntimeException {
        private static final long serialVersionUID = 1L;

        FixRefused(String message) {
            super(message);
        }
    }
}
