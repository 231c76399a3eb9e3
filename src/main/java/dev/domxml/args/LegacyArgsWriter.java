package dev.domxml.args;

import dev.domxml.args.CommandLine.Option;
import dev.domxml.model.BackingLink;
import dev.domxml.model.BlockNode;
import dev.domxml.model.CacheFlags;
import dev.domxml.model.Device;
import dev.domxml.model.DiskDevice;
import dev.domxml.model.Firmware;
import dev.domxml.model.FormatNode;
import dev.domxml.model.NetworkDevice;
import dev.domxml.model.NetworkNode;
import dev.domxml.model.ProtocolNode;
import dev.domxml.model.RamBacking;
import dev.domxml.model.VirtualMachine;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * The form Proxmox VE and most QEMU documentation use: {@code -drive file=...,if=none,id=drive-ALIAS}
 * plus {@code -device driver,key=value,...,drive=drive-ALIAS}. Device ids are the same as libvirt's.
 */
final class LegacyArgsWriter extends ArgsWriter {

    @Override
    protected void writeMachine(VirtualMachine vm, List<Option> out) {
        // RAM bound to host nodes or held other than plainly needs a backend object of its own; plain RAM is QEMU's default
        out.add(new Option("-machine", machineOptions(vm) + (needsRamBackend(vm) ? ",memory-backend=pc.ram" : "")
                + serialFirmware(vm)));
    }

    private static boolean needsRamBackend(VirtualMachine vm) {
        return vm.numa().isEmpty() && (vm.memoryPolicy().isPresent() || !vm.machine().memory().ram().equals(RamBacking.PLAIN));
    }

    @Override
    protected void writeFlash(VirtualMachine vm, List<Option> out) {
        List<Firmware.FlashImage> flash = vm.firmware().flash();
        for (int unit = 0; unit < flash.size(); unit++) {
            out.add(new Option("-drive", "if=pflash,unit=" + unit + ",format=raw"
                    + (flash.get(unit).readOnly() ? ",readonly=on" : "") + ",file=" + escapeCommas(flashFile(flash.get(unit)))));
        }
    }

    /** The file, or else its storage in QEMU's json: pseudo-protocol. */
    private static String flashFile(Firmware.FlashImage image) {
        return image.file().orElseGet(() -> jsonFile(image.driver(), image.location()));
    }

    /** Storage as QEMU's json: pseudo-protocol takes it with format=: the options of its node, under "file". */
    private static String jsonFile(String driver, Map<String, Object> location) {
        Map<String, Object> storage = new LinkedHashMap<>();
        storage.put("driver", driver);
        storage.putAll(location);
        return "json:" + JsonText.of(Map.of("file", storage));
    }

    @Override
    protected void writeMemory(VirtualMachine vm, List<Option> out) {
        out.add(new Option("-m", memorySize(vm)));
        if (needsRamBackend(vm)) {
            out.add(new Option("-object", render(ramBackend("pc.ram", vm.memoryBytes(), vm.memoryPolicy(),
                    vm.machine().memory().ram(), true))));
        }
    }

    @Override
    protected String audiodev(Map<String, Object> audio) {
        // the driver leads, as the option's implied key; a stream's settings are dotted (in.voices=1)
        Map<String, Object> flat = new LinkedHashMap<>();
        flat.put("driver", audio.get("driver"));
        audio.forEach((key, value) -> {
            if (value instanceof Map<?, ?> stream) {
                stream.forEach((k, v) -> flat.put(key + "." + k, v));
            } else if (!key.equals("driver")) {
                flat.put(key, value);
            }
        });
        return render(flat);
    }

    @Override
    protected String netdev(NetworkDevice nic) {
        return nic.netdevType() + ",id=" + nic.netdevId();
    }

    @Override
    protected String device(Device device) {
        return render(DeviceProperties.device(device, disk -> Optional.of(driveId(disk))));
    }

    static String driveId(DiskDevice disk) {
        return "drive-" + disk.frontend().id();
    }

    @Override
    protected void writeDisk(DiskDevice disk, List<Option> out) {
        writeOwnPrManager(disk, out);
        disk.backends().forEach(b -> out.add(backend(b)));
        if (disk.isVhostUser()) {
            out.add(new Option("-device", device(disk))); // its socket's chardev, no -drive
            return;
        }
        StringJoiner drive = new StringJoiner(",");
        Optional<ProtocolNode> protocol = disk.protocolNode();
        Optional<FormatNode> format = disk.formatNode();
        protocol.ifPresent(p -> drive.add("file=" + escapeCommas(p.filename())));
        // the reservations helper is an option of the storage node under the format: file.pr-manager
        protocol.flatMap(ProtocolNode::prManager).ifPresent(manager -> drive.add("file.pr-manager=" + manager.id()));
        // QEMU's json: pseudo-protocol says in one -drive value what -blockdev says in nested JSON
        disk.networkNode().ifPresent(n -> drive.add("file=" + escapeCommas(jsonFile(n.driver(), n.location()))));
        format.ifPresent(f -> drive.add("format=" + f.driver()));
        drive.add("if=none").add("id=" + driveId(disk));
        boolean cdrom = disk.frontend().driver().endsWith("-cd");
        if (cdrom) {
            drive.add("media=cdrom");
        }
        Optional<CacheFlags> cache = format.flatMap(FormatNode::cache);
        cache.ifPresent(flags -> drive.add("cache=" + cacheMode(flags, disk.frontend().writeCache().orElse(true))));
        protocol.flatMap(ProtocolNode::aio).ifPresent(aio -> drive.add("aio=" + aio));
        format.flatMap(FormatNode::discard).ifPresent(d -> drive.add("discard=" + d));
        format.flatMap(FormatNode::detectZeroes).ifPresent(dz -> drive.add("detect-zeroes=" + dz));
        format.ifPresent(f -> f.cacheSize().ifPresent(bytes -> drive.add("cache-size=" + bytes)));
        if (format.map(FormatNode::readOnly).orElse(cdrom)) {
            drive.add("readonly=on");
        }
        if (disk.filterNode().isPresent()) {
            drive.add("copy-on-read=on");
        }
        format.ifPresent(f -> backingChain(disk, f.backing(), "backing.", drive));
        out.add(new Option("-drive", drive.toString()));
        out.add(new Option("-device", device(disk)));
    }

    /**
     * A backing chain as -drive takes nested block options: each image's format and storage under one more
     * {@code backing.}. The end of a chain is left out: -drive can say it only with the deprecated empty
     * {@code backing=}, and QEMU finds no backing file to open below an image that names none.
     */
    private void backingChain(DiskDevice disk, BackingLink link, String prefix, StringJoiner drive) {
        if (!(link instanceof BackingLink.Node backing)) {
            return;
        }
        FormatNode format = (FormatNode) disk.backingNode(backing.name()).orElseThrow();
        drive.add(prefix + "driver=" + format.driver());
        format.cacheSize().ifPresent(bytes -> drive.add(prefix + "cache-size=" + bytes));
        Map<String, Object> storage = new LinkedHashMap<>();
        BlockNode node = disk.backingNode(format.file()).orElseThrow();
        if (node instanceof ProtocolNode p) {
            storage.put("driver", p.driver());
            storage.put("filename", p.filename());
            p.aio().ifPresent(aio -> storage.put("aio", aio)); // the cache mode is inherited, the I/O mode is not
        } else if (node instanceof NetworkNode n) {
            storage.put("driver", n.driver());
            storage.putAll(n.location());
        }
        dotted(prefix + "file.", storage, drive);
        backingChain(disk, format.backing(), prefix + "backing.", drive);
    }

    /** Nested options as -drive spells them: objects by dotted keys, lists by index ({@code server.0.host}). */
    private void dotted(String prefix, Object value, StringJoiner drive) {
        if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> dotted(prefix + k + ".", v, drive));
        } else if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                dotted(prefix + i + ".", list.get(i), drive);
            }
        } else {
            drive.add(prefix.substring(0, prefix.length() - 1) + "=" + escapeCommas(text(value)));
        }
    }

    private static String cacheMode(CacheFlags flags, boolean writeCache) {
        if (flags.noFlush()) {
            return "unsafe";
        }
        if (flags.direct()) {
            return writeCache ? "none" : "directsync";
        }
        return writeCache ? "writeback" : "writethrough";
    }

    /** -blockdev has no implied key: its driver is spelled out. */
    @Override
    protected String renderBlockdev(Map<String, Object> properties) {
        StringJoiner out = new StringJoiner(",");
        properties.forEach((key, value) -> out.add(key + "=" + escapeCommas(text(value))));
        return out.toString();
    }

    @Override
    protected String render(Map<String, Object> properties) {
        StringJoiner out = new StringJoiner(",");
        String first = properties.keySet().stream().findFirst().orElse("");
        properties.forEach((key, value) -> {
            if (key.equals("driver") || key.equals("qom-type") || key.equals("type") && key.equals(first)) {
                out.add(escapeCommas(String.valueOf(value)));
            } else if (value instanceof List<?> rules && !rules.isEmpty() && rules.get(0) instanceof Map<?, ?>) {
                // a -netdev user's guestfwd rules: guestfwd=RULE, once each
                rules.forEach(rule -> out.add(key + "=" + escapeCommas(String.valueOf(((Map<?, ?>) rule).get("str")))));
            } else if (value instanceof List<?> ids) {
                // a list of ids is the key repeated, one range of consecutive ids each (host-nodes=0-1,host-nodes=3)
                ranges(ids).forEach(range -> out.add(key + "=" + range));
            } else {
                out.add(key + "=" + escapeCommas(text(value)));
            }
        });
        return out.toString();
    }

    private static List<String> ranges(List<?> ids) {
        List<String> ranges = new java.util.ArrayList<>();
        int i = 0;
        while (i < ids.size()) {
            int first = (Integer) ids.get(i);
            int last = first;
            while (i + 1 < ids.size() && (Integer) ids.get(i + 1) == last + 1) {
                last = (Integer) ids.get(++i);
            }
            ranges.add(first == last ? String.valueOf(first) : first + "-" + last);
            i++;
        }
        return ranges;
    }

    private static String text(Object value) {
        if (value instanceof Boolean b) {
            return b ? "on" : "off";
        }
        if (value instanceof BigInteger wwn) {
            return "0x" + String.format("%016x", wwn);
        }
        return String.valueOf(value);
    }
}
