package dev.domxml.model;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The transport options every virtio device takes ({@code iommu_platform}, {@code ats}, {@code packed},
 * {@code page-per-vq}); absent ones are left to QEMU.
 */
public record VirtioOptions(
        Optional<Boolean> iommuPlatform, Optional<Boolean> ats, Optional<Boolean> packed, Optional<Boolean> pagePerVq) {

    public static final VirtioOptions NONE =
            new VirtioOptions(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());

    /** The options set, as QEMU properties in libvirt's order. */
    public Map<String, Boolean> properties() {
        Map<String, Boolean> properties = new LinkedHashMap<>();
        iommuPlatform.ifPresent(on -> properties.put("iommu_platform", on));
        ats.ifPresent(on -> properties.put("ats", on));
        packed.ifPresent(on -> properties.put("packed", on));
        pagePerVq.ifPresent(on -> properties.put("page-per-vq", on));
        return properties;
    }

    /** Reads the options back from QEMU properties (absent keys stay unset). */
    public static VirtioOptions fromProperties(Map<String, ?> properties) {
        return new VirtioOptions(flag(properties.get("iommu_platform")), flag(properties.get("ats")),
                flag(properties.get("packed")), flag(properties.get("page-per-vq")));
    }

    private static Optional<Boolean> flag(Object value) {
        return value instanceof Boolean on ? Optional.of(on) : Optional.empty();
    }
}
