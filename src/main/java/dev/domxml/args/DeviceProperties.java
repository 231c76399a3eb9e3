package dev.domxml.args;

import dev.domxml.model.BackingLink;
import dev.domxml.model.BalloonDevice;
import dev.domxml.model.BlockNode;
import dev.domxml.model.CacheFlags;
import dev.domxml.model.ChsGeometry;
import dev.domxml.model.Device;
import dev.domxml.model.DiskDevice;
import dev.domxml.model.DiskFrontend;
import dev.domxml.model.DiskTuning;
import dev.domxml.model.FilterNode;
import dev.domxml.model.FloppyAddress;
import dev.domxml.model.FloppyController;
import dev.domxml.model.FormatNode;
import dev.domxml.model.GenericDevice;
import dev.domxml.model.IdeAddress;
import dev.domxml.model.NetworkDevice;
import dev.domxml.model.NetworkNode;
import dev.domxml.model.PciAddress;
import dev.domxml.model.SpaprVioAddress;
import dev.domxml.model.PciBridge;
import dev.domxml.model.PciExpanderBus;
import dev.domxml.model.PciePort;
import dev.domxml.model.PrManager;
import dev.domxml.model.ProtocolNode;
import dev.domxml.model.ScsiAddress;
import dev.domxml.model.StorageController;
import dev.domxml.model.StorageControllerKind;
import dev.domxml.model.UsbAddress;
import dev.domxml.model.UsbController;
import dev.domxml.model.VirtioOptions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.function.Function;

/**
 * The QEMU properties of each model object, in the order libvirt 9.0 writes them. Both command-line
 * styles use these; they differ only in how a property list is spelled (JSON or key=value).
 */
final class DeviceProperties {
    private DeviceProperties() {}

    /** A property list being built; absent values are simply not added. */
    static final class Props {
        private final Map<String, Object> values = new LinkedHashMap<>();

        Props put(String key, Object value) {
            values.put(key, value);
            return this;
        }

        Props put(String key, Optional<?> value) {
            value.ifPresent(v -> values.put(key, v));
            return this;
        }

        Props put(String key, OptionalInt value) {
            value.ifPresent(v -> values.put(key, v));
            return this;
        }

        Props putIf(boolean condition, String key, Object value) {
            if (condition) {
                values.put(key, value);
            }
            return this;
        }

        Props put(String key, OptionalLong value) {
            value.ifPresent(v -> values.put(key, v));
            return this;
        }

        Props virtio(VirtioOptions options) {
            values.putAll(options.properties());
            return this;
        }

        Props pci(PciAddress address) {
            put("bus", address.bus());
            address.multifunction().ifPresent(on -> put("multifunction", on));
            put("addr", address.addr());
            address.acpiIndex().ifPresent(index -> put("acpi-index", index));
            return this;
        }

        Map<String, Object> toMap() {
            return values;
        }
    }

    static Map<String, Object> device(Device device, Function<DiskDevice, Optional<String>> driveName) {
        Props p = new Props();
        if (device instanceof PciePort port) {
            p.put("driver", port.driver()).put("port", port.port()).put("chassis", port.chassis())
                    .put("id", port.id()).put("hotplug", port.hotplug()).pci(port.address());
        } else if (device instanceof PciExpanderBus bus) {
            p.put("driver", bus.driver()).put("bus_nr", bus.busNr()).put("id", bus.id()).put("numa_node", bus.numaNode())
                    .pci(bus.address());
        } else if (device instanceof PciBridge bridge) {
            p.put("driver", bridge.driver());
            p.putIf(bridge.chassisNr() >= 0, "chassis_nr", bridge.chassisNr());
            p.put("id", bridge.id()).pci(bridge.address());
        } else if (device instanceof UsbController usb) {
            p.put("driver", usb.driver()).put("p2", usb.ports()).put("p3", usb.ports()).put("id", usb.id())
                    .pci(usb.address());
        } else if (device instanceof StorageController c) {
            p.put("driver", c.kind().qemuDriver());
            if (c.kind() == StorageControllerKind.VIRTIO_SCSI) {
                p.virtio(c.virtio()).put("iothread", c.iothread()).put("id", c.id()).put("num_queues", c.numQueues())
                        .put("cmd_per_lun", c.cmdPerLun()).put("max_sectors", c.maxSectors())
                        .put("ioeventfd", c.ioeventfd());
            } else {
                p.put("id", c.id());
            }
            if (c.address() instanceof PciAddress pci) {
                p.pci(pci);
            } else if (c.address() instanceof SpaprVioAddress vio) {
                p.put("reg", vio.reg());
            }
        } else if (device instanceof DiskDevice disk) {
            // a vhost-user disk has no block node: it names its socket's chardev instead
            frontend(p, disk.frontend(), disk.isVhostUser() ? Optional.empty() : driveName.apply(disk));
        } else if (device instanceof NetworkDevice nic) {
            p.put("driver", nic.driver()).put("netdev", nic.netdevId()).put("id", nic.id()).put("mac", nic.mac())
                    .put("bootindex", nic.bootIndex()).pci(nic.address());
        } else if (device instanceof BalloonDevice balloon) {
            p.put("driver", "virtio-balloon-pci").virtio(balloon.virtio()).put("id", balloon.id())
                    .put("deflate-on-oom", balloon.deflateOnOom())
                    .put("free-page-reporting", balloon.freePageReporting()).pci(balloon.address());
        } else if (device instanceof FloppyController fdc) {
            p.put("driver", "isa-fdc").put("bootindexA", fdc.bootIndexA()).put("bootindexB", fdc.bootIndexB());
        } else if (device instanceof GenericDevice generic) {
            p.put("driver", generic.driver());
            generic.properties().forEach((key, value) -> p.putIf(!ROM_TUNING.contains(key), key, value));
            generic.address().ifPresent(p::pci);
            // libvirt adds a device's ROM tuning after its address (qemuBuildRomProps)
            ROM_TUNING.forEach(key -> p.putIf(generic.properties().containsKey(key), key, generic.properties().get(key)));
        }
        return p.toMap();
    }

    private static void frontend(Props p, DiskFrontend f, Optional<String> drive) {
        p.put("driver", f.driver());
        boolean vhostUser = f.driver().equals(DiskDevice.VHOST_USER_BLK);
        if (f.driver().startsWith("virtio-blk") || vhostUser) {
            p.virtio(f.virtio()).put("iothread", f.iothread()).put("ioeventfd", f.ioeventfd())
                    .put("event_idx", f.eventIdx()).putIf(f.scsiPassthrough(), "scsi", true)
                    .put("num-queues", f.numQueues()).put("queue-size", f.queueSize());
        }
        if (f.address() instanceof PciAddress pci) {
            p.pci(pci);
        } else if (f.address() instanceof ScsiAddress scsi) {
            p.put("bus", scsi.bus()).put("channel", scsi.channel()).put("scsi-id", scsi.scsiId()).put("lun", scsi.lun());
        } else if (f.address() instanceof IdeAddress ide) {
            p.put("bus", ide.bus()).put("unit", ide.unit());
        } else if (f.address() instanceof FloppyAddress floppy) {
            p.put("unit", floppy.unit());
        } else if (f.address() instanceof UsbAddress usb) {
            p.put("bus", usb.bus()).put("port", usb.port());
        }
        DiskTuning t = f.tuning();
        ChsGeometry chs = t.geometry();
        p.put("device_id", f.deviceId()).putIf(f.shareRw(), "share-rw", true).put("drive", drive)
                .put("chardev", vhostUser ? Optional.of(DiskDevice.vhostUserChardev(f.id())) : Optional.empty())
                .put("id", f.id())
                .put("bootindex", f.bootIndex())
                .put("logical_block_size", t.logicalBlockSize()).put("physical_block_size", t.physicalBlockSize())
                .put("wwn", f.wwn()).put("rotation_rate", f.rotationRate())
                .put("vendor", f.vendor()).put("product", f.product()).put("removable", t.removable())
                .put("write-cache", f.writeCache().map(on -> on ? "on" : "off"))
                .put("cyls", chs.cylinders()).put("heads", chs.heads()).put("secs", chs.sectors())
                .put("bios-chs-trans", chs.translation()).put("serial", f.serial())
                .put("werror", t.writeErrorPolicy()).put("rerror", t.readErrorPolicy());
    }

    private static final List<String> ROM_TUNING = List.of("rombar", "romfile");

    static Map<String, Object> blockNode(BlockNode node) {
        Props p = new Props();
        if (node instanceof ProtocolNode n) {
            p.put("driver", n.driver()).put("filename", n.filename()).put("aio", n.aio())
                    .put("pr-manager", n.prManager().map(PrManager::id)).put("node-name", n.nodeName()).put("cache", n.cache().map(DeviceProperties::cache))
                    .putIf(n.autoReadOnly(), "auto-read-only", true).put("discard", n.discard());
        } else if (node instanceof NetworkNode n) {
            p.put("driver", n.driver());
            n.location().forEach(p::put);
            p.put("node-name", n.nodeName()).put("cache", n.cache().map(DeviceProperties::cache))
                    .putIf(n.autoReadOnly(), "auto-read-only", true).put("discard", n.discard());
        } else if (node instanceof FormatNode n) {
            p.put("node-name", n.nodeName()).put("read-only", n.readOnly())
                    .put("discard", n.discard()).put("detect-zeroes", n.detectZeroes())
                    .put("cache", n.cache().map(DeviceProperties::cache)).put("driver", n.driver())
                    .put("cache-size", n.cacheSize()).put("file", n.file());
            if (n.backing() instanceof BackingLink.Node backing) {
                p.put("backing", backing.name());
            } else if (n.backing() == BackingLink.NONE) {
                p.put("backing", (Object) null); // QEMU must not open a backing file the image names
            }
        } else if (node instanceof FilterNode n) {
            p.put("driver", n.driver()).put("node-name", n.nodeName()).put("file", n.file()).put("discard", n.discard());
        }
        return p.toMap();
    }

    private static Map<String, Object> cache(CacheFlags flags) {
        Map<String, Object> cache = new LinkedHashMap<>();
        cache.put("direct", flags.direct());
        cache.put("no-flush", flags.noFlush());
        return cache;
    }
}
