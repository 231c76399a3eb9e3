package dev.domxml.model;

import java.util.List;

/**
 * What the guest's firmware is told about the machine: SMBIOS structures ({@code -smbios type=1,...},
 * one text each, as QEMU takes them) and firmware configuration entries ({@code -fw_cfg name=...}).
 */
public record SystemInfo(List<String> smbiosTables, List<String> firmwareConfig) {
    public static final SystemInfo NONE = new SystemInfo(List.of(), List.of());

    public SystemInfo {
        smbiosTables = List.copyOf(smbiosTables);
        firmwareConfig = List.copyOf(firmwareConfig);
    }
}
