package dev.domxml.rules;

import dev.domxml.binding.Address;
import dev.domxml.binding.DiskHost;
import dev.domxml.binding.Hostdev;
import dev.domxml.binding.HostdevSource;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * {@code <hostdev>}: host PCI devices (vfio-pci), host USB devices (usb-host) and mediated devices (vfio-pci
 * on a vGPU's sysfs path), checked as libvirt 9.0 checks them when it builds the command line. Each becomes a
 * peripheral of kind {@code hostdev} whose model is the source type and whose values are the QEMU properties
 * the command line needs: {@code host}, {@code hostdevice} or {@code sysfsdev}, and the rest.
 */
final class HostDevices {
    private static final String DUPLICATE = "Hostdev already exists in the domain configuration";

    private final DomainResolver resolver;
    private final Set<String> sources = new HashSet<>();
    private boolean ramfbTaken;
    /** libvirt numbers host devices in its list's order: those of {@code <interface type='hostdev'>} first. */
    private int aliases;

    HostDevices(DomainResolver resolver) {
        this.resolver = resolver;
    }

    List<ResolvedDevice> resolve(List<Hostdev> hostdevs, boolean hasGraphics) {
        List<ResolvedDevice> out = new ArrayList<>();
        hostdevs.forEach(hostdev -> resolve(hostdev, hasGraphics).ifPresent(out::add));
        return out;
    }

    /** One host device, or none where it is refused or kept out of the guest. */
    Optional<ResolvedDevice> resolve(Hostdev hostdev, boolean hasGraphics) {
        int i = aliases++;
        String mode = Values.text(hostdev.mode).orElse("subsystem");
        String type = Values.text(hostdev.type).orElse("");
        if (!mode.equals("subsystem")) {
            resolver.invalid(hostdev, "hostdev mode '" + mode + "' is not supported by QEMU (subsystem)");
            return Optional.empty();
        }
        Map<String, String> values = new LinkedHashMap<>();
        values.put("alias", "hostdev" + i);
        boolean valid = switch (type) {
            case "pci" -> pci(hostdev, values);
            case "usb" -> usb(hostdev, values);
            case "mdev" -> mdev(hostdev, values, hasGraphics);
            case "scsi" -> scsi(hostdev, values);
            case "scsi_host" -> {
                resolver.invalid(hostdev, "<hostdev> devices are not supported by domxml yet when type='" + type
                        + "': the command line would leave this one out");
                yield false;
            }
            default -> {
                resolver.invalid(hostdev, "unknown host device source type '" + type + "' (pci, usb, mdev, scsi,"
                        + " scsi_host)");
                yield false;
            }
        };
        if (!valid) {
            return Optional.empty();
        }
        if (hostdev.boot != null) {
            OptionalInt order = resolver.optionalUnsigned(hostdev.boot, hostdev.boot.order, "boot order");
            order.ifPresent(o -> values.put("bootindex", String.valueOf(o)));
        }
        if (!rom(hostdev, values)) {
            return Optional.empty();
        }
        values.putAll(resolver.usbAddressValues(hostdev.address));
        if (resolver.addressType(hostdev.address).filter("unassigned"::equals).isPresent()) {
            return Optional.empty(); // kept in the definition, never given to the guest
        }
        return Optional.of(new ResolvedDevice("hostdev", type, type.equals("usb") ? Optional.of("usb") : Optional.empty(),
                resolver.at(hostdev), resolver.pciAddressOf(hostdev.address), Map.of(), values));
    }

    /** domxml-to-native passes a device through only with the backend written: it never picks one itself. */
    private boolean pci(Hostdev hostdev, Map<String, String> values) {
        Address source = sourceAddress(hostdev);
        if (source == null) {
            resolver.invalid(hostdev, "PCI host device has no <source><address domain bus slot function>");
            return false;
        }
        OptionalInt domain = resolver.optionalUnsigned(source, Values.text(source.domain).orElse("0"), "PCI domain");
        OptionalInt bus = resolver.optionalUnsigned(source, source.bus, "PCI bus");
        OptionalInt slot = resolver.optionalUnsigned(source, source.slot, "PCI slot");
        OptionalInt function = resolver.optionalUnsigned(source, Values.text(source.function).orElse("0"), "PCI function");
        if (domain.isEmpty() || bus.isEmpty() || slot.isEmpty() || function.isEmpty()) {
            if (source.bus == null || source.slot == null) {
                resolver.invalid(source, "PCI host device address needs bus and slot");
            }
            return false;
        }
        String host = String.format("%04x:%02x:%02x.%x", domain.getAsInt(), bus.getAsInt(), slot.getAsInt(),
                function.getAsInt());
        if (!sources.add("pci " + host)) {
            resolver.invalid(hostdev, DUPLICATE);
            return false;
        }
        String backend = hostdev.driver != null ? Values.text(hostdev.driver.name).orElse("default") : "default";
        if (!backend.equals("vfio")) {
            resolver.invalid(hostdev, "invalid PCI passthrough type '" + backend + "': domxml-to-native passes a PCI"
                    + " device through only with <driver name='vfio'/> written (libvirt picks VFIO itself only when"
                    + " the guest starts)");
            return false;
        }
        values.put("host", host);
        return true;
    }

    private boolean usb(Hostdev hostdev, Map<String, String> values) {
        Address source = sourceAddress(hostdev);
        int bus = source == null ? 0 : resolver.optionalUnsigned(source, source.bus, "USB bus").orElse(0);
        int device = source == null ? 0 : resolver.optionalUnsigned(source, source.device, "USB device").orElse(0);
        if (bus == 0 && device == 0) {
            // a vendor/product pair is looked up on the host when the guest starts, which domxml-to-native does not do
            resolver.invalid(hostdev, "USB host device is missing bus/device information (<source><address bus"
                    + " device>)");
            return false;
        }
        String hostdevice = String.format("/dev/bus/usb/%03d/%03d", bus, device);
        if (!sources.add("usb " + hostdevice)) {
            resolver.invalid(hostdev, DUPLICATE);
            return false;
        }
        values.put("hostdevice", hostdevice);
        String guestReset = hostdev.source == null ? "default" : Values.text(hostdev.source.guestReset).orElse("default");
        switch (guestReset) {
            case "off" -> values.put("guest-reset", "false");
            case "uninitialized" -> {
                values.put("guest-reset", "true");
                values.put("guest-resets-all", "false");
            }
            case "on" -> {
                values.put("guest-reset", "true");
                values.put("guest-resets-all", "true");
            }
            case "default" -> { }
            default -> {
                resolver.invalid(hostdev.source, "unknown guestReset value '" + guestReset + "' (off, uninitialized, on)");
                return false;
            }
        }
        return true;
    }

    /**
     * A SCSI host device, given to the guest as scsi-generic on a backend libvirt writes as a -blockdev: an
     * iSCSI LUN (the same on any host), or the {@code /dev/sgN} of a device on a host adapter, which libvirt
     * looks up in sysfs of the host it runs on (and so does domxml, failing as libvirt does without one).
     * Its place on a SCSI controller is the drive address, or given later ({@link ScsiHostdevs}).
     */
    private boolean scsi(Hostdev hostdev, Map<String, String> values) {
        if (Values.text(hostdev.sgio).filter("unfiltered"::equals).isPresent()) {
            resolver.invalid(hostdev, "unfiltered sgio is no longer supported");
            return false;
        }
        HostdevSource source = hostdev.source;
        if (source == null) {
            resolver.invalid(hostdev, "SCSI host device has no <source>");
            return false;
        }
        values.put("read-only", String.valueOf(hostdev.readonly != null));
        if (resolver.addressType(hostdev.address).filter("drive"::equals).isPresent()) {
            Address a = hostdev.address;
            Map<String, String> written = new LinkedHashMap<>();
            written.put("controller", a.controller);
            written.put("bus", a.bus);
            written.put("target", a.target);
            written.put("unit", a.unit);
            written.forEach((key, value) -> values.put("drive." + key,
                    String.valueOf(resolver.optionalUnsigned(a, value, "drive " + key).orElse(0))));
        }
        Optional<String> protocol = Values.text(source.protocol);
        if (protocol.isPresent()) {
            return iscsi(hostdev, source, protocol.get(), values);
        }
        return adapter(hostdev, source, values);
    }

    private boolean iscsi(Hostdev hostdev, HostdevSource source, String protocol, Map<String, String> values) {
        if (!protocol.equals("iscsi")) {
            resolver.invalid(source, "Unknown SCSI subsystem protocol '" + protocol + "'");
            return false;
        }
        Optional<String> name = Values.text(source.name);
        if (name.isEmpty()) {
            resolver.invalid(source, "missing iSCSI hostdev source path name");
            return false;
        }
        if (source.hosts.size() != 1) {
            resolver.invalid(source, "only one source host address may be specified for the iSCSI hostdev");
            return false;
        }
        // libvirt looks its secret up only when it builds the command line, after every check
        source.otherElements.stream().filter(e -> e.getLocalName().equals("auth")).findFirst()
                .ifPresent(auth -> values.put("auth", secretName(auth)));
        // NAME is IQN/LUN: the LUN is what follows the first slash, 0 without one
        int slash = name.get().indexOf('/');
        String target = slash < 0 ? name.get() : name.get().substring(0, slash);
        Optional<Long> lun = slash < 0 ? Optional.of(0L) : Optional.of(name.get().substring(slash + 1))
                .filter(l -> l.matches("\\d{1,10}")).flatMap(Values::unsigned).filter(l -> l <= 0xffffffffL);
        if (lun.isEmpty()) {
            resolver.invalid(source, "cannot parse target for lunStr '" + target + "'");
            return false;
        }
        DiskHost host = source.hosts.get(0);
        String portal = Values.text(host.name).orElse("") + ":" + Values.text(host.port).orElse("0");
        if (!sources.add("iscsi " + portal + " " + name.get())) {
            resolver.invalid(hostdev, DUPLICATE);
            return false;
        }
        values.put("backend", "iscsi");
        values.put("portal", portal);
        values.put("target", target);
        values.put("lun", String.valueOf(lun.get()));
        return true;
    }

    /** How libvirt names the secret it did not find: by usage, else by uuid. */
    private static String secretName(org.w3c.dom.Element auth) {
        org.w3c.dom.NodeList secrets = auth.getElementsByTagName("secret");
        if (secrets.getLength() == 0) {
            return "";
        }
        org.w3c.dom.Element secret = (org.w3c.dom.Element) secrets.item(0);
        return secret.hasAttribute("usage") ? "with matching usage '" + secret.getAttribute("usage") + "'"
                : "with matching uuid '" + secret.getAttribute("uuid") + "'";
    }

    private boolean adapter(Hostdev hostdev, HostdevSource source, Map<String, String> values) {
        Optional<String> adapter = source.adapter == null ? Optional.empty() : Values.text(source.adapter.name);
        if (adapter.isEmpty()) {
            resolver.invalid(source, "missing 'name' attribute in the SCSI host device's <adapter>");
            return false;
        }
        Optional<Long> host = Optional.of(adapter.get()).filter(a -> a.matches("scsi_host\\d{1,9}"))
                .flatMap(a -> Values.unsigned(a.substring("scsi_host".length())));
        if (host.isEmpty()) {
            resolver.invalid(source.adapter, "Cannot parse adapter '" + adapter.get() + "'");
            return false;
        }
        Address a = source.address;
        OptionalInt bus = a == null ? OptionalInt.empty() : resolver.optionalUnsigned(a, a.bus, "SCSI bus");
        OptionalInt target = a == null ? OptionalInt.empty() : resolver.optionalUnsigned(a, a.target, "SCSI target");
        Optional<Long> unit = a == null ? Optional.empty() : Values.unsigned(a.unit);
        if (bus.isEmpty() || target.isEmpty() || unit.isEmpty()) {
            resolver.invalid(a != null ? a : source, "SCSI host device needs <address bus target unit> on its adapter");
            return false;
        }
        String device = host.get() + ":" + bus.getAsInt() + ":" + target.getAsInt() + ":" + unit.get();
        if (!sources.add("scsi " + device)) {
            resolver.invalid(hostdev, DUPLICATE);
            return false;
        }
        values.put("backend", "host_device");
        values.put("host-address", device); // its /dev/sgN is looked up last, as libvirt does
        return true;
    }

    private boolean mdev(Hostdev hostdev, Map<String, String> values, boolean hasGraphics) {
        String model = Values.text(hostdev.model).orElse("");
        if (!model.equals("vfio-pci")) {
            resolver.invalid(hostdev, model.isEmpty() ? "missing 'model' attribute in mediated device's <hostdev/> element"
                    : "mediated device model '" + model + "' is not supported on x86 (vfio-pci)");
            return false;
        }
        Address source = sourceAddress(hostdev);
        Optional<String> uuid = source == null ? Optional.empty() : Values.text(source.uuid);
        if (uuid.isEmpty()) {
            resolver.invalid(source != null ? source : hostdev, "Missing 'uuid' attribute for element <address>");
            return false;
        }
        if (!sources.add("mdev " + uuid.get())) {
            resolver.invalid(hostdev, DUPLICATE);
            return false;
        }
        Optional<String> guestAddress = resolver.addressType(hostdev.address).filter(t -> !t.equals("pci"));
        if (guestAddress.isPresent()) {
            resolver.invalid(hostdev.address, "Unsupported address type '" + guestAddress.get()
                    + "' with mediated device model 'vfio-pci'");
            return false;
        }
        Optional<Boolean> display = Values.onOff(hostdev.display);
        boolean ramfb = Values.onOff(hostdev.ramfb).orElse(false);
        if (display.orElse(false) && !hasGraphics) {
            resolver.invalid(hostdev, "graphics device is needed for attribute value 'display=on' in <hostdev>");
            return false;
        }
        if (ramfb && ramfbTaken) {
            resolver.invalid(hostdev, "Only one vgpu device can have 'ramfb' enabled");
            return false;
        }
        if (hostdev.boot != null) {
            resolver.invalid(hostdev.boot, "booting from assigned devices is not supported by mediated devices of model"
                    + " vfio-pci");
            return false;
        }
        ramfbTaken |= ramfb;
        values.put("sysfsdev", "/sys/bus/mdev/devices/" + uuid.get());
        values.put("display", display.orElse(false) ? "on" : "off"); // libvirt writes the default out
        if (ramfb) {
            values.put("ramfb", "true");
        }
        return true;
    }

    /** {@code <rom>}: libvirt's rombar and romfile properties, for PCI devices only. */
    private boolean rom(Hostdev hostdev, Map<String, String> values) {
        Hostdev.Rom rom = hostdev.rom;
        if (rom == null || rom.bar == null && rom.file == null && rom.enabled == null) {
            return true;
        }
        if (hostdev.type.equals("usb") || hostdev.type.equals("scsi")) {
            resolver.invalid(rom, "ROM tuning is only supported for PCI devices");
            return false;
        }
        if (Values.onOff(rom.enabled).filter(enabled -> !enabled).isPresent()) {
            values.put("romfile", "");
            return true;
        }
        Values.onOff(rom.bar).ifPresent(bar -> values.put("rombar", bar ? "1" : "0"));
        Values.text(rom.file).ifPresent(file -> values.put("romfile", file));
        return true;
    }

    private static Address sourceAddress(Hostdev hostdev) {
        HostdevSource source = hostdev.source;
        return source == null ? null : source.address;
    }
}
