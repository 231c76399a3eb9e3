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
        OptionalInt chassis,
        OptionalInt port,
        OptionalInt ports) {

    public static ResolvedController implicit(String type, int index, String model) {
        return new ResolvedController(Optional.empty(), Optional.empty(), type, index, model, OptionalInt.empty(),
                OptionalInt.empty(), OptionalInt.empty(), OptionalInt.empty(), Optional.empty(), VirtioOptions.NONE, Optional.empty(),
                OptionalInt.empty(), OptionalInt.empty(), OptionalInt.empty());
    }

    public boolean isImplicit() {
        return xml.isEmpty();
    }

    public boolean is(String controllerType) {
        return type.equals(controllerType);
    }

    public ResolvedController withModel(String newModel) {
        return new ResolvedController(xml, position, type, index, newModel, iothread, queues, cmdPerLun,
                maxSectors, ioeventfd, virtio, pciAddress, chassis, port, ports);
    }

    public String describe() {
        return "controller type='" + type + "' index='" + index + "'";
    }
}
