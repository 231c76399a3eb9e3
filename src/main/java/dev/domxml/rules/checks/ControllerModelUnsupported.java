package dev.domxml.rules.checks;

import dev.domxml.report.Severity;
import dev.domxml.rules.DiskBus;
import dev.domxml.rules.DomainRule;
import dev.domxml.rules.Findings;
import dev.domxml.rules.ResolvedController;
import dev.domxml.rules.ResolvedDomain;
import dev.domxml.rules.RuleInfo;
import java.util.Map;
import java.util.Set;

@RuleInfo(
        id = "controller-model-unsupported",
        severity = Severity.ERROR,
        title = "A controller model QEMU for x86 does not offer",
        rationale = "libvirt knows controller models for every hypervisor; QEMU on x86 implements only some."
                + " USB set to model='none' also rules out USB input devices.",
        badExample = "<controller type='scsi' model='buslogic'/>",
        goodExample = "<controller type='scsi' model='virtio-scsi'/>")
public final class ControllerModelUnsupported extends DomainRule {
    private static final Map<String, Set<String>> MODELS = Map.of(
            "scsi", Set.of("virtio-scsi", "lsilogic", "lsisas1068", "lsisas1078", "vmpvscsi", "ibmvscsi"),
            "usb", Set.of("piix3-uhci", "piix4-uhci", "ehci", "ich9-ehci1", "ich9-uhci1", "ich9-uhci2", "ich9-uhci3",
                    "vt82c686b-uhci", "pci-ohci", "nec-xhci", "qemu-xhci", "none"),
            "sata", Set.of("ahci"),
            "ide", Set.of("piix3"),
            "pci", Set.of("pci-root", "pcie-root", "pcie-root-port", "pci-bridge", "pcie-to-pci-bridge",
                    "dmi-to-pci-bridge", "pcie-switch-upstream-port", "pcie-switch-downstream-port", "pci-expander-bus",
                    "pcie-expander-bus"),
            "virtio-serial", Set.of("virtio"),
            "fdc", Set.of(""),
            "ccid", Set.of(""));

    /** The QEMU devices libvirt accepts in {@code <model name>} for each PCI controller model. */
    private static final Map<String, Set<String>> PCI_MODEL_NAMES = Map.of(
            "pcie-root-port", Set.of("pcie-root-port", "ioh3420"), "pci-bridge", Set.of("pci-bridge"),
            "pcie-to-pci-bridge", Set.of("pcie-pci-bridge"), "dmi-to-pci-bridge", Set.of("i82801b11-bridge"),
            "pcie-switch-upstream-port", Set.of("x3130-upstream"), "pcie-switch-downstream-port",
            Set.of("xio3130-downstream"), "pci-expander-bus", Set.of("pxb"), "pcie-expander-bus", Set.of("pxb-pcie"));

    private static java.util.Optional<String> modelName(ResolvedController c) {
        return c.xml().map(x -> x.modelName).map(m -> m.name).map(String::trim);
    }

    @Override
    public void check(ResolvedDomain domain, Findings findings) {
        for (ResolvedController c : domain.controllers()) {
            Set<String> models = MODELS.get(c.type());
            if (models == null) {
                report(findings, c.describe() + ": controller type '" + c.type() + "' is not supported by domxml",
                        c.position());
            } else if (c.is("pci") && modelName(c).isPresent() && !PCI_MODEL_NAMES.getOrDefault(c.model(), Set.of())
                    .contains(modelName(c).get())) {
                report(findings, c.describe() + ": model name '" + modelName(c).get() + "' does not implement a "
                        + c.model() + " (" + String.join(", ", PCI_MODEL_NAMES.getOrDefault(c.model(), Set.of())) + ")",
                        c.position());
            } else if (c.is("fdc") && c.index() > 0 && !c.isImplicit()) {
                report(findings, c.describe() + ": only one floppy controller is supported (drives fda and fdb)",
                        c.position());
            } else if (!models.contains(c.model())) {
                report(findings, c.describe() + ": model '" + c.model() + "' is not supported here (choose "
                        + String.join(", ", models.stream().sorted().toList()) + ")", c.position());
            }
        }
        if (!domain.isQ35()) {
            domain.controller("usb", 0).filter(c -> c.model().equals("piix3-uhci")).ifPresent(usb ->
                    usb.pciAddress().filter(a -> !(a.domain() == 0 && a.bus() == 0 && a.slot() == 1 && a.function() == 2))
                            .ifPresent(a -> report(findings, usb.describe() + ": the PIIX3 USB controller is part of the"
                                    + " chipset and must be at PCI address 0000:00:01.2", usb.position())));
        }
        boolean usbOff = domain.controllers().stream().anyMatch(c -> c.is("usb") && c.model().equals("none"));
        if (usbOff) {
            domain.disks().stream().filter(d -> d.bus() == DiskBus.USB).findFirst().ifPresent(disk ->
                    report(findings, disk.describe() + " is a USB disk, but USB is model='none'", disk.position()));
            domain.inputs().stream().filter(i -> i.bus().orElse("").equals("usb")).findFirst().ifPresent(input ->
                    report(findings, "USB " + input.model() + " needs a USB controller, but USB is model='none'",
                            input.position()));
        }
    }
}
