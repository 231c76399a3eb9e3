package dev.domxml.rules;

import dev.domxml.binding.Disk;
import dev.domxml.binding.DiskSource;
import dev.domxml.binding.Endpoint;
import dev.domxml.model.PrManager;
import java.util.Optional;

/**
 * A SCSI passthrough disk's {@code <source><reservations>}: which qemu-pr-helper its persistent reservations go
 * through, as libvirt 9.0 reads and checks it (virStoragePRDefParseXML, virDomainDiskDefValidate).
 */
final class DiskReservations {
    private DiskReservations() {}

    /** libvirt's refusals of a {@code <reservations>} element, by the order it checks them in. */
    static void check(DomainResolver resolver, Disk disk, String type, String device) {
        DiskSource.Reservations pr = disk.source == null ? null : disk.source.reservations;
        if (pr == null) {
            return;
        }
        if (pr.managed == null) {
            resolver.invalid(pr, "Missing required attribute 'managed' in element 'reservations'");
            return;
        }
        if (!pr.managed.equals("yes") && !pr.managed.equals("no")) {
            resolver.invalid(pr, "Invalid value for attribute 'managed' in element 'reservations': '" + pr.managed + "'.");
            return;
        }
        if (pr.managed.equals("no") && !unmanagedSourceValid(resolver, pr)) {
            return;
        }
        if (!device.equals("lun")) {
            resolver.invalid(pr, "<reservations/> allowed only for lun devices");
        } else if (type.equals("network")) {
            // libvirt would start the helper yet leave the iSCSI node unconnected to it (and its schema has no
            // reservations on a network source)
            resolver.invalid(pr, "<reservations> on a network disk are not supported by domxml: only a host block"
                    + " device (type='block') passes them to QEMU");
        }
    }

    /** A helper the user runs: libvirt connects to its unix socket as a client. */
    private static boolean unmanagedSourceValid(DomainResolver resolver, DiskSource.Reservations pr) {
        Endpoint source = pr.source;
        String type = source == null ? null : source.type;
        if (type == null) {
            resolver.invalid(pr, "missing connection type for <reservations/>");
        } else if (source.path == null) {
            resolver.invalid(source, "missing path for <reservations/>");
        } else if (source.mode == null) {
            resolver.invalid(source, "missing connection mode for <reservations/>");
        } else if (!type.equals("unix")) {
            resolver.invalid(source, "unsupported connection type for <reservations/>: " + type);
        } else if (!source.mode.equals("client")) {
            resolver.invalid(source, "unsupported connection mode for <reservations/>: " + source.mode);
        } else {
            return true;
        }
        return false;
    }

    /**
     * The helper a checked disk's storage node names: libvirt's own for the domain, whose socket is in the domain's
     * directory, or the user's, named after the storage node. A {@code <source>} under managed='yes' is not read.
     */
    static Optional<PrManager> manager(ResolvedDisk disk, String storageNode, String domainName) {
        DiskSource.Reservations pr = disk.xml().source == null ? null : disk.xml().source.reservations;
        if (pr == null) {
            return Optional.empty();
        }
        if (pr.managed.equals("yes")) {
            return Optional.of(new PrManager(PrManager.MANAGED_ID,
                    LibvirtPaths.domainDirectory(domainName) + "/" + PrManager.MANAGED_ID + ".sock"));
        }
        return Optional.of(new PrManager("pr-helper-" + storageNode, pr.source.path));
    }
}
