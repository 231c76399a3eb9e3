package dev.domxml.rules;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Where SCSI host devices sit on the guest's SCSI controllers, as libvirt 9.0 places them. One without a
 * drive address takes the first free unit 0-6 (a narrow bus) on target 0 of controller 0, then 1, ...: free
 * of the disks, of the host devices before it and of what a written controller reserves
 * (virDomainHostdevAssignAddress). The controllers they name and nobody wrote are added after the disks'
 * (virDomainDefMaybeAddHostdevSCSIcontroller), of the model of the last one named that was written.
 */
final class ScsiHostdevs {
    private static final int UNITS = 7;

    private ScsiHostdevs() {
    }

    static boolean isScsiHostdev(ResolvedDevice device) {
        return device.is("hostdev") && device.model().equals("scsi");
    }

    static DriveAddress addressOf(ResolvedDevice hostdev) {
        return new DriveAddress(number(hostdev, "controller"), number(hostdev, "bus"), number(hostdev, "target"),
                number(hostdev, "unit"));
    }

    private static int number(ResolvedDevice hostdev, String key) {
        return Integer.parseInt(hostdev.value("drive." + key).orElseThrow());
    }

    /** Gives each SCSI host device in {@code peripherals} its drive address; refusals go to the resolver. */
    static void place(DomainResolver resolver, List<ResolvedDevice> peripherals, List<ResolvedDisk> disks,
            List<ResolvedController> written) {
        List<DriveAddress> byDisks = disks.stream().filter(d -> d.bus() == DiskBus.SCSI)
                .flatMap(d -> d.driveAddress().stream()).toList();
        List<DriveAddress> byHostdevs = new ArrayList<>();
        Optional<ResolvedController> unnumbered = written.stream()
                .filter(c -> c.is("scsi") && c.xml().filter(x -> x.index == null).isPresent()).findFirst();
        Optional<ResolvedDevice> first = peripherals.stream().filter(ScsiHostdevs::isScsiHostdev).findFirst();
        if (first.isPresent() && unnumbered.isPresent()) {
            // libvirt adds the host devices' controllers before it numbers such a one, so it comes after them
            resolver.invalid(unnumbered.get().xml().get(), "a SCSI controller without an index beside SCSI host devices"
                    + " is not supported by domxml (libvirt numbers it after the controllers it adds for them): give it"
                    + " an index");
            return;
        }
        for (int i = 0; i < peripherals.size(); i++) {
            ResolvedDevice hostdev = peripherals.get(i);
            if (!isScsiHostdev(hostdev)) {
                continue;
            }
            DriveAddress address;
            if (hostdev.value("drive.unit").isPresent()) {
                address = addressOf(hostdev);
                if (byHostdevs.contains(address)) {
                    resolver.invalidAt(hostdev.position(), "SCSI host address " + describe(address)
                            + " in use by another SCSI host device");
                    return;
                }
            } else {
                address = firstFree(byDisks, byHostdevs, written);
                Map<String, String> values = new LinkedHashMap<>(hostdev.values());
                values.put("drive.controller", String.valueOf(address.controller()));
                values.put("drive.bus", "0");
                values.put("drive.target", "0");
                values.put("drive.unit", String.valueOf(address.unit()));
                peripherals.set(i, new ResolvedDevice(hostdev.kind(), hostdev.model(), hostdev.bus(), hostdev.position(),
                        hostdev.pciAddress(), hostdev.settings(), values, hostdev.virtio()));
            }
            byHostdevs.add(address);
        }
        // a disk given its address by its name may not land on a host device's
        for (ResolvedDisk disk : disks) {
            if (disk.bus() == DiskBus.SCSI && disk.xml().address == null && disk.driveAddress().isPresent()
                    && byHostdevs.contains(disk.driveAddress().get())) {
                // libvirt's message lacks the closing quote
                String where = describe(disk.driveAddress().get());
                resolver.invalid(disk.xml(), "using disk target name '" + disk.target()
                        + "' conflicts with SCSI host device address " + where.substring(0, where.length() - 1));
                return;
            }
        }
    }

    private static DriveAddress firstFree(List<DriveAddress> byDisks, List<DriveAddress> byHostdevs,
            List<ResolvedController> written) {
        for (int controller = 0; ; controller++) {
            for (int unit = 0; unit < UNITS; unit++) {
                DriveAddress address = new DriveAddress(controller, 0, 0, unit);
                if (!reserved(written, address) && !byDisks.contains(address) && !byHostdevs.contains(address)) {
                    return address;
                }
            }
        }
    }

    /** The units a written controller cannot have (virDomainSCSIDriveAddressIsUsed): above its last, its own. */
    private static boolean reserved(List<ResolvedController> written, DriveAddress address) {
        Optional<String> model = written.stream().filter(c -> c.is("scsi") && c.index() == address.controller())
                .map(ResolvedController::model).findFirst();
        if (model.isEmpty()) {
            return false;
        }
        int unit = address.unit();
        return switch (model.get()) {
            case "ibmvscsi" -> unit > 31 || unit == 7;
            case "lsisas1068" -> unit > 1;
            case "lsilogic", "vmpvscsi" -> unit == 7;
            default -> false;
        };
    }

    /**
     * The controllers the host devices name that nobody wrote, added after the disks' ones: of the model of
     * the written controller of the host device that named the highest one so far.
     */
    static void addControllers(List<ResolvedDevice> peripherals, List<ResolvedController> controllers) {
        int max = -1;
        String model = "";
        for (ResolvedDevice hostdev : peripherals) {
            if (!isScsiHostdev(hostdev)) {
                continue;
            }
            DriveAddress address = addressOf(hostdev);
            if (address.controller() > max) {
                max = address.controller();
                int index = max;
                model = controllers.stream().filter(c -> c.is("scsi") && c.index() == index && !c.isImplicit())
                        .map(ResolvedController::model).filter(m -> !m.isEmpty()).findFirst().orElse(model);
            }
        }
        for (int index = 0; index <= max; index++) {
            int wanted = index;
            if (controllers.stream().noneMatch(c -> c.is("scsi") && c.index() == wanted)) {
                controllers.add(ResolvedController.implicit("scsi", index, model));
            }
        }
    }

    /** An lsilogic controller addresses units only (checked once the added controllers have their model). */
    static void checkTargets(DomainResolver resolver, List<ResolvedDevice> peripherals,
            List<ResolvedController> controllers) {
        for (ResolvedDevice hostdev : peripherals) {
            if (isScsiHostdev(hostdev)) {
                DriveAddress address = addressOf(hostdev);
                boolean lsi = controllers.stream().anyMatch(c -> c.is("scsi") && c.index() == address.controller()
                        && c.model().equals("lsilogic"));
                if (lsi && address.target() != 0) {
                    resolver.invalidAt(hostdev.position(), "target must be 0 for controller model 'lsilogic'");
                    return;
                }
            }
        }
    }

    private static final Path SCSI_DEVICES = Path.of("/sys/bus/scsi/devices");

    /**
     * What libvirt does last, building the command line: it looks up the secret of an iSCSI LUN (which
     * domxml cannot, so it refuses), then the {@code /dev/sgN} of each device on a host adapter, the one entry
     * of its sysfs scsi_generic directory, failing without one as libvirt does.
     */
    static void prepare(DomainResolver resolver, List<ResolvedDevice> peripherals) {
        for (ResolvedDevice hostdev : peripherals) {
            Optional<String> auth = hostdev.value("auth").filter(x -> isScsiHostdev(hostdev));
            if (auth.isPresent()) {
                resolver.invalidAt(hostdev.position(), "Secret not found: no secret " + auth.get() + " (domxml cannot"
                        + " look up libvirt secrets or write them into a command line)");
                return;
            }
        }
        for (int i = 0; i < peripherals.size(); i++) {
            ResolvedDevice hostdev = peripherals.get(i);
            Optional<String> device = hostdev.value("host-address").filter(x -> isScsiHostdev(hostdev));
            if (device.isEmpty()) {
                continue;
            }
            Path dir = SCSI_DEVICES.resolve(device.get()).resolve("scsi_generic");
            Optional<String> sg;
            try (Stream<Path> entries = Files.list(dir)) {
                sg = entries.map(p -> p.getFileName().toString()).sorted().findFirst();
            } catch (IOException | UncheckedIOException e) {
                sg = Optional.empty();
            }
            if (sg.isEmpty()) {
                resolver.invalidAt(hostdev.position(), "cannot open directory '" + dir + "': No such file or directory");
                return;
            }
            Map<String, String> values = new LinkedHashMap<>(hostdev.values());
            values.put("filename", "/dev/" + sg.get());
            peripherals.set(i, new ResolvedDevice(hostdev.kind(), hostdev.model(), hostdev.bus(), hostdev.position(),
                    hostdev.pciAddress(), hostdev.settings(), values, hostdev.virtio()));
        }
    }

    private static String describe(DriveAddress a) {
        return "controller='" + a.controller() + "' bus='" + a.bus() + "' target='" + a.target() + "' unit='" + a.unit()
                + "'";
    }
}
