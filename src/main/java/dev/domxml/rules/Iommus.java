package dev.domxml.rules;

import dev.domxml.binding.Features;
import dev.domxml.binding.Iommu;
import dev.domxml.binding.IommuDriver;
import dev.domxml.model.MachineFamily;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@code <iommu>}: Intel's VT-d (intel-iommu, Q35 only, with its switches from {@code <driver>}) or
 * virtio-iommu (Q35 with ACPI, an integrated device on the root bus), refused where libvirt 9.0 refuses
 * them. The resolved device ("iommu") has the values intremap, caching_mode, eim and iotlb ("on"/"off")
 * and the setting aw_bits, as written.
 */
final class Iommus {
    private Iommus() {}

    static Optional<ResolvedDevice> resolve(DomainResolver resolver, Iommu iommu, MachineFamily family, boolean acpi,
            Features features) {
        if (iommu == null) {
            return Optional.empty();
        }
        String model = Values.text(iommu.model).orElse("");
        Map<String, String> values = new LinkedHashMap<>();
        Map<String, Long> settings = new LinkedHashMap<>();
        if (iommu.driver != null) {
            IommuDriver driver = iommu.driver;
            String[][] switches = {{"intremap", driver.intremap}, {"caching_mode", driver.cachingMode},
                {"eim", driver.eim}, {"iotlb", driver.iotlb}};
            for (String[] written : switches) {
                if (written[1] != null) {
                    Optional<Boolean> on = Values.onOff(written[1]);
                    if (on.isEmpty()) {
                        resolver.invalid(driver, "invalid iommu " + written[0] + " '" + written[1] + "': use 'on' or 'off'");
                        return Optional.empty();
                    }
                    values.put(written[0], on.get() ? "on" : "off");
                }
            }
            if (driver.awBits != null) {
                resolver.optionalUnsigned(driver, driver.awBits, "iommu aw_bits").ifPresent(bits -> settings.put("aw_bits", (long) bits));
            }
        }
        switch (model) {
            case "intel" -> {
                if (iommu.address != null) {
                    resolver.invalid(iommu.address, "iommu model 'intel' can't have address");
                    return Optional.empty();
                }
                if (family != MachineFamily.Q35) {
                    resolver.invalid(iommu, "IOMMU device: 'intel' is only supported with Q35 machines");
                    return Optional.empty();
                }
                boolean splitIoapic = features != null && DomainResolver.child(features, "ioapic")
                        .map(e -> e.getAttribute("driver").equals("qemu")).orElse(false);
                if ("on".equals(values.get("intremap")) && !splitIoapic) {
                    resolver.invalid(iommu.driver, "IOMMU interrupt remapping requires split I/O APIC (ioapic driver='qemu')");
                    return Optional.empty();
                }
                if ("on".equals(values.get("eim")) && !"on".equals(values.get("intremap"))) {
                    resolver.invalid(iommu.driver, "IOMMU eim requires interrupt remapping to be enabled");
                    return Optional.empty();
                }
            }
            case "virtio" -> {
                if (!values.isEmpty() || !settings.isEmpty()) {
                    resolver.invalid(iommu.driver, "iommu model 'virtio' doesn't support additional attributes");
                    return Optional.empty();
                }
                if (family != MachineFamily.Q35) {
                    resolver.invalid(iommu, "IOMMU device: 'virtio' is only supported with Q35 and ARM Virt machines");
                    return Optional.empty();
                }
                if (!acpi) {
                    resolver.invalid(iommu, "IOMMU device: 'virtio' requires ACPI");
                    return Optional.empty();
                }
                if (resolver.addressType(iommu.address).filter(type -> !type.equals("pci")).isPresent()) {
                    resolver.invalid(iommu.address, "IOMMU device: 'virtio' needs a PCI address");
                    return Optional.empty();
                }
            }
            case "smmuv3" -> {
                resolver.invalid(iommu, "IOMMU device: 'smmuv3' is only supported with ARM Virt machines");
                return Optional.empty();
            }
            default -> {
                resolver.invalid(iommu, "unknown iommu model '" + model + "' (intel, virtio)");
                return Optional.empty();
            }
        }
        return Optional.of(new ResolvedDevice("iommu", model, Optional.empty(), resolver.at(iommu),
                resolver.pciAddressOf(iommu.address), settings, values));
    }
}
