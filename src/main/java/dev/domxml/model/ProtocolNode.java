package dev.domxml.model;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The node that reaches the storage itself: {@code file} for an image, {@code host_device} for a
 * block device, {@code host_cdrom} for a host CD drive. {@code prManager} is the helper a SCSI passthrough
 * disk's persistent reservations go through ({@code pr-manager}).
 */
public record ProtocolNode(
        String nodeName,
        String driver,
        String filename,
        Optional<String> aio,
        Optional<CacheFlags> cache,
        boolean autoReadOnly,
        String discard,
        Optional<PrManager> prManager) implements BlockNode {

    public ProtocolNode(String nodeName, String driver, String filename, Optional<String> aio,
            Optional<CacheFlags> cache, boolean autoReadOnly, String discard) {
        this(nodeName, driver, filename, aio, cache, autoReadOnly, discard, Optional.empty());
    }

    public ProtocolNode renamed(String newName) {
        return new ProtocolNode(newName, driver, filename, aio, cache, autoReadOnly, discard, prManager);
    }

    /** The same node on another driver ({@code host_device} for a file that is a host block device). */
    public ProtocolNode withDriver(String newDriver) {
        return new ProtocolNode(nodeName, newDriver, filename, aio, cache, autoReadOnly, discard, prManager);
    }

    public ProtocolNode withPrManager(Optional<PrManager> manager) {
        return new ProtocolNode(nodeName, driver, filename, aio, cache, autoReadOnly, discard, manager);
    }

    /**
     * The driver for a host block device: {@code host_cdrom} only for a CD-ROM that is a CD drive on this
     * host, as libvirt (virFileIsCDROM) and QEMU (its probe) decide by asking the device; anything else,
     * a path that is not there included, is a {@code host_device}. Without that ioctl a drive is known by
     * the kernel's name for it (/dev/sr0; /dev/cdrom links to it).
     */
    public static String hostDeviceDriver(String path, boolean cdrom) {
        if (!cdrom) {
            return "host_device";
        }
        try {
            String device = Path.of(path).toRealPath().getFileName().toString();
            return device.matches("sr\\d+|scd\\d+") ? "host_cdrom" : "host_device";
        } catch (IOException | RuntimeException e) {
            return "host_device";
        }
    }
}
