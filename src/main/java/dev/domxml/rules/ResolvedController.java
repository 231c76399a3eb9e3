package dev.domxml.rules;

import dev.domxml.binding.Controller;
import dev.domxml.report.SourcePosition;
import dev.domxml.model.VirtioOptions;
import java.util.Optional;
import java.util.OptionalInt;

/** A {@code <controller>}, written or added by libvirt, with its model resolved. */
public record ResolvedController(
        Optional<Controller> xml,
        Optional<SourcePosition> position,
        String type,
        int index,
        String model,
        OptionalInt iothread,
        OptionalInt queues,
        OptionalInt cmdPerLun,
        OptionalInt maxSectors,
        Optional<Boolean> ioeventfd,
        VirtioOptions virtio,
        Optional<XmlPciAddress> pciAddress,
        PciTarget pciTarget,
        OptionalInt ports,
        OptionalInt vectors) {

    public static ResolvedController implicit(String type, int index, String model) {
        OptionalInt none = OptionalInt.empty();
        return new ResolvedController(Optional.empty(), Optional.empty(), type, index, model, none, none, none, none,
                Optional.empty(), VirtioOptions.NONE, Optional.empty(), PciTarget.NONE, none, none);
    }

    public boolean isImplicit() {
        return xml.isEmpty();
    }

    public boolean is(String controllerType) {
        return type.equals(controllerType);
    }

    public ResolvedController withModel(String newModel) {
        return new ResolvedController(xml, position, type, index, newModel, iothread, queues, cmdPerLun,
                maxSectors, ioeventfd, virtio, pciAddress, pciTarget, ports, vectors);
    }

    /** An ICH9 USB2 controller: the EHCI one or one of its UHCI companions, which share its index. */
    public boolean isUsb2Family() {
        return type.equals("usb") && USB2_FUNCTIONS.containsKey(model);
    }

    /** A companion controller: an ICH9 UHCI behind the EHCI of the same index. */
    public boolean isUsbCompanion() {
        return isUsb2Family() && !model.equals("ich9-ehci1");
    }

    /** The PCI function each member of an ICH9 USB2 group takes in the group's slot. */
    public static final java.util.Map<String, Integer> USB2_FUNCTIONS =
            java.util.Map.of("ich9-ehci1", 7, "ich9-uhci1", 0, "ich9-uhci2", 1, "ich9-uhci3", 2);

    public String describe() {
        return "controller type='" + type + "' index='" + index + "'";
    }
}
