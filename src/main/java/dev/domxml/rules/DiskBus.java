package dev.domxml.rules;

import java.util.Locale;
import java.util.Optional;

/** The {@code bus} of a disk target, as libvirt names it. */
public enum DiskBus {
    IDE, FDC, SCSI, VIRTIO, XEN, USB, UML, SATA, SD;

    public String xmlName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<DiskBus> fromXml(String value) {
        for (DiskBus bus : values()) {
            if (bus.xmlName().equals(value)) {
                return Optional.of(bus);
            }
        }
        return Optional.empty();
    }

    /** libvirt's guess when {@code bus} is left out: from the target name's prefix. */
    public static Optional<DiskBus> guessFromTarget(String dev) {
        if (dev.startsWith("hd")) {
            return Optional.of(IDE);
        } else if (dev.startsWith("sd")) {
            return Optional.of(SCSI);
        } else if (dev.startsWith("vd")) {
            return Optional.of(VIRTIO);
        } else if (dev.startsWith("xvd")) {
            return Optional.of(XEN);
        } else if (dev.startsWith("ubd")) {
            return Optional.of(UML);
        } else if (dev.startsWith("fd")) {
            return Optional.of(FDC);
        }
        return Optional.empty();
    }
}
