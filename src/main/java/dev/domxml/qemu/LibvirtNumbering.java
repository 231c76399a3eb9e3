package dev.domxml.qemu;

import dev.domxml.model.Device;
import dev.domxml.model.DiskFrontend;
import dev.domxml.model.FloppyAddress;
import dev.domxml.model.IdeAddress;
import dev.domxml.model.UsbAddress;
import dev.domxml.model.IoThread;
import dev.domxml.model.MachineFamily;
import dev.domxml.model.PciBridge;
import dev.domxml.model.PciExpanderBus;
import dev.domxml.model.PciePort;
import dev.domxml.model.ScsiAddress;
import dev.domxml.model.StorageController;
import dev.domxml.model.StorageControllerKind;
import dev.domxml.model.VirtualMachine;
import dev.domxml.rules.DiskNames;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How the QEMU ids of a command line map to libvirt's numbers: iothread ids, controller indexes, PCI
 * bus indexes, and where each disk sits in domain XML terms (target bus and drive address).
 *
 * <p>Ids libvirt itself makes ({@code iothread2}, {@code scsi1}, {@code sata1}, {@code pci.3}) keep
 * their number, so that a line libvirt wrote comes back to the same numbers; other ids (Proxmox VE's
 * {@code scsihw0}, {@code virtioscsi2}, {@code iothread-virtioscsi2}) get the lowest free number in
 * order of appearance.
 */
public final class LibvirtNumbering {
    private static final Pattern IOTHREAD = Pattern.compile("iothread(\\d+)");
    private static final Pattern SCSI = Pattern.compile("scsi(\\d+)");
    private static final Pattern SATA = Pattern.compile("sata(\\d+)");
    private static final Pattern PCI = Pattern.compile("pci\\.(\\d+)");
    private static final Pattern VIRTIO_DISK = Pattern.compile("virtio-disk(\\d+)");
    private static final Pattern USB_DISK = Pattern.compile("usb-disk(\\d+)");

    /** A disk's place in domain XML: {@code <target bus>} and, except for virtio, its drive address. */
    public record Placement(String bus, Optional<DriveAddress> address) {}

    /** {@code <address type='drive' controller bus target unit/>}. */
    public record DriveAddress(int controller, int bus, int target, int unit) {}

    private final MachineFamily family;
    private final Map<String, Integer> iothreads;
    private final Map<String, Integer> scsiControllers;
    private final Map<String, Integer> sataControllers;
    private final Map<String, Integer> pciBuses;
    private final Map<String, StorageController> controllers = new HashMap<>();

    private LibvirtNumbering(MachineFamily family, List<IoThread> threads, List<Device> devices) {
        this.family = family;
        this.iothreads = assign(threads.stream().map(IoThread::id).toList(), IOTHREAD, 1, false);
        List<String> scsi = new ArrayList<>();
        List<String> sata = new ArrayList<>();
        List<String> buses = new ArrayList<>();
        for (Device device : devices) {
            if (device instanceof StorageController c) {
                controllers.put(c.id(), c);
                (c.kind() == StorageControllerKind.AHCI ? sata : scsi).add(c.id());
            } else if (device instanceof PciePort || device instanceof PciBridge || device instanceof PciExpanderBus) {
                buses.add(device.id());
            }
        }
        this.scsiControllers = assign(scsi, SCSI, 0, false);
        this.sataControllers = assign(sata, SATA, family == MachineFamily.Q35 ? 1 : 0, false);
        this.pciBuses = assign(buses, PCI, 1, true);
    }

    public static LibvirtNumbering of(VirtualMachine vm) {
        return of(vm.machine().family(), vm.iothreads(), vm.devices());
    }

    public static LibvirtNumbering of(MachineFamily family, List<IoThread> iothreads, List<Device> devices) {
        return new LibvirtNumbering(family, iothreads, devices);
    }

    /**
     * Numbers for ids: those of libvirt's own form keep theirs when free (in ascending order when
     * {@code compact}, renumbered from {@code min} without gaps), the others get the lowest free ones.
     */
    private static Map<String, Integer> assign(List<String> ids, Pattern own, int min, boolean compact) {
        Map<String, Integer> out = new LinkedHashMap<>();
        Set<Integer> taken = new HashSet<>();
        List<String> owned = new ArrayList<>();
        for (String id : ids) {
            Matcher m = own.matcher(id);
            if (m.matches() && m.group(1).length() < 9 && Integer.parseInt(m.group(1)) >= min
                    && taken.add(Integer.parseInt(m.group(1)))) {
                owned.add(id);
            }
        }
        if (compact) {
            owned.sort(Comparator.comparingInt(id -> number(own, id)));
            taken.clear();
            int next = min;
            for (String id : owned) {
                out.put(id, next);
                taken.add(next++);
            }
        } else {
            owned.forEach(id -> out.put(id, number(own, id)));
        }
        int next = min;
        for (String id : ids) {
            if (!out.containsKey(id)) {
                while (taken.contains(next)) {
                    next++;
                }
                out.put(id, next);
                taken.add(next);
            }
        }
        return out;
    }

    private static int number(Pattern own, String id) {
        Matcher m = own.matcher(id);
        m.matches();
        return Integer.parseInt(m.group(1));
    }

    public int iothreadId(String id) {
        return lookup(iothreads, id, "iothread");
    }

    public int controllerIndex(StorageController controller) {
        return lookup(controller.kind() == StorageControllerKind.AHCI ? sataControllers : scsiControllers,
                controller.id(), "controller");
    }

    /** The index of the PCI controller behind a bus id; 0 for the root bus. */
    public int pciBusIndex(String bus) {
        if (bus.equals(family.rootBus())) {
            return 0;
        }
        return lookup(pciBuses, bus, "PCI bus");
    }

    private static int lookup(Map<String, Integer> map, String id, String what) {
        Integer value = map.get(id);
        if (value == null) {
            throw new IllegalArgumentException("no " + what + " '" + id + "' in the model");
        }
        return value;
    }

    public Optional<StorageController> controller(String id) {
        return Optional.ofNullable(controllers.get(id));
    }

    /** Where a disk frontend sits, in domain XML terms. */
    /** A device's place on a SCSI controller as the XML's drive address (a disk's, a SCSI host device's). */
    public DriveAddress driveAddress(ScsiAddress scsi) {
        String[] bus = splitBus(scsi.bus());
        StorageController c = controller(bus[0]).orElseThrow(
                () -> new IllegalArgumentException("no SCSI controller '" + bus[0] + "' in the model"));
        int index = controllerIndex(c);
        return c.kind().scsiChannelAddressing()
                ? new DriveAddress(index, scsi.channel().orElse(0), scsi.scsiId(), scsi.lun().orElse(0))
                : new DriveAddress(index, Integer.parseInt(bus[1]), 0, scsi.scsiId());
    }

    public Placement placement(DiskFrontend frontend) {
        if (frontend.address() instanceof ScsiAddress scsi) {
            return new Placement("scsi", Optional.of(driveAddress(scsi)));
        }
        if (frontend.address() instanceof IdeAddress ide) {
            String[] bus = splitBus(ide.bus());
            int n = Integer.parseInt(bus[1]);
            if (bus[0].equals("ide")) {
                return family == MachineFamily.Q35
                        ? new Placement("sata", Optional.of(new DriveAddress(0, 0, 0, n)))
                        : new Placement("ide", Optional.of(new DriveAddress(0, n, 0, ide.unit().orElse(0))));
            }
            StorageController c = controller(bus[0]).orElseThrow(
                    () -> new IllegalArgumentException("no SATA controller '" + bus[0] + "' in the model"));
            return new Placement("sata", Optional.of(new DriveAddress(controllerIndex(c), 0, 0, n)));
        }
        if (frontend.address() instanceof UsbAddress) {
            return new Placement("usb", Optional.empty());
        }
        if (frontend.address() instanceof FloppyAddress floppy) {
            return new Placement("fdc", Optional.of(new DriveAddress(0, 0, 0, floppy.unit())));
        }
        return new Placement("virtio", Optional.empty());
    }

    /** {@code scsi0.0} → {@code [scsi0, 0]}; the controller id itself may contain dots. */
    static String[] splitBus(String bus) {
        int dot = bus.lastIndexOf('.');
        return dot < 0 ? new String[] {bus, "0"} : new String[] {bus.substring(0, dot), bus.substring(dot + 1)};
    }

    /** The target index libvirt would have derived this placement from, if any (sdb ↔ controller 0 unit 1). */
    public OptionalInt preferredIndex(DiskFrontend frontend, Placement placement) {
        if (placement.bus().equals("usb")) {
            Matcher m = USB_DISK.matcher(frontend.id());
            return m.matches() && m.group(1).length() < 6 ? OptionalInt.of(Integer.parseInt(m.group(1))) : OptionalInt.empty();
        }
        if (placement.bus().equals("virtio")) {
            Matcher m = VIRTIO_DISK.matcher(frontend.id());
            return m.matches() && m.group(1).length() < 6 ? OptionalInt.of(Integer.parseInt(m.group(1))) : OptionalInt.empty();
        }
        DriveAddress a = placement.address().orElseThrow();
        return switch (placement.bus()) {
            case "scsi" -> a.bus() == 0 && a.target() == 0 && a.unit() < 7 ? OptionalInt.of(a.controller() * 7 + a.unit())
                    : OptionalInt.empty();
            case "sata" -> a.unit() < 6 ? OptionalInt.of(a.controller() * 6 + a.unit()) : OptionalInt.empty();
            case "ide" -> a.controller() == 0 && a.bus() < 2 && a.unit() < 2 ? OptionalInt.of(a.bus() * 2 + a.unit())
                    : OptionalInt.empty();
            case "fdc" -> OptionalInt.of(a.unit());
            default -> OptionalInt.empty();
        };
    }

    /**
     * Target names for disks in order. libvirt keeps disks grouped by bus and sorted by target name, and
     * numbers block nodes in that order, so names must rise in order within a bus: a disk gets the name
     * libvirt would have derived its address from when that keeps the order and is free, else the next
     * free one. SCSI and SATA share the {@code sd} names.
     */
    public static List<String> targetNames(List<Placement> placements, List<OptionalInt> preferred) {
        Map<String, Set<Integer>> taken = new HashMap<>();
        Map<String, Integer> last = new HashMap<>();
        List<String> names = new ArrayList<>();
        for (int i = 0; i < placements.size(); i++) {
            String bus = placements.get(i).bus();
            String prefix = switch (bus) {
                case "virtio" -> "vd";
                case "ide" -> "hd";
                case "fdc" -> "fd";
                default -> "sd";
            };
            Set<Integer> used = taken.computeIfAbsent(prefix, p -> new HashSet<>());
            int floor = last.getOrDefault(bus, -1);
            OptionalInt wanted = preferred.get(i);
            int index;
            if (wanted.isPresent() && wanted.getAsInt() > floor && !used.contains(wanted.getAsInt())) {
                index = wanted.getAsInt();
            } else {
                index = floor + 1;
                while (used.contains(index)) {
                    index++;
                }
            }
            used.add(index);
            last.put(bus, index);
            names.add(DiskNames.name(prefix, index));
        }
        return names;
    }
}
