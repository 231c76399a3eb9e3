package dev.domxml.rules;

import dev.domxml.binding.Domain;
import dev.domxml.binding.Sysinfo;
import dev.domxml.model.SystemInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * libvirt's {@code <sysinfo>}: with {@code <os><smbios mode='sysinfo'/>} the first SMBIOS sysinfo becomes
 * the guest's BIOS, system, baseboard, chassis and OEM-string structures; fwcfg entries are passed to the
 * firmware whatever the mode. Values are checked as libvirt parses them.
 */
final class SystemInfos {
    private static final Pattern BIOS_DATE = Pattern.compile("(\\d+)/(\\d+)/(\\d+)");
    private static final Pattern UUID_TEXT = Pattern.compile("\\p{XDigit}{32}");

    private final DomainResolver resolver;

    private SystemInfos(DomainResolver resolver) {
        this.resolver = resolver;
    }

    static SystemInfo resolve(DomainResolver resolver, Domain domain, Optional<String> domainUuid) {
        return new SystemInfos(resolver).resolve(domain, domainUuid);
    }

    private SystemInfo resolve(Domain domain, Optional<String> domainUuid) {
        Optional<Sysinfo> smbios = Optional.empty();
        List<String> firmwareConfig = new ArrayList<>();
        for (Sysinfo sysinfo : domain.sysinfos) {
            String type = Values.text(sysinfo.type).orElse("");
            switch (type) {
                case "smbios" -> {
                    check(sysinfo, domainUuid);
                    smbios = smbios.or(() -> Optional.of(sysinfo));
                }
                case "fwcfg" -> sysinfo.entries.forEach(entry -> firmwareEntry(entry).ifPresent(firmwareConfig::add));
                default -> resolver.invalid(sysinfo, "unknown sysinfo type '" + type + "' (smbios, fwcfg)");
            }
        }
        String mode = domain.os == null || domain.os.smbios == null ? "" : Values.text(domain.os.smbios.mode).orElse("");
        List<String> tables = List.of();
        switch (mode) {
            case "", "emulate" -> { }
            case "host" -> resolver.invalid(domain.os.smbios, "<smbios mode='host'> is not supported by domxml: it copies"
                    + " the tables of the host libvirt runs on, which only that host knows");
            case "sysinfo" -> {
                if (smbios.isEmpty()) {
                    resolver.invalid(domain.os.smbios, "Domain '" + Values.text(domain.name).orElse("")
                            + "' sysinfo are not available");
                } else {
                    tables = tables(smbios.get());
                }
            }
            default -> resolver.invalid(domain.os.smbios, "unknown smbios mode '" + mode + "'");
        }
        return tables.isEmpty() && firmwareConfig.isEmpty() ? SystemInfo.NONE : new SystemInfo(tables, firmwareConfig);
    }

    /** What libvirt checks while parsing, whether or not the tables are used. */
    private void check(Sysinfo sysinfo, Optional<String> domainUuid) {
        entry(sysinfo.bios, "date").ifPresent(date -> {
            Matcher m = BIOS_DATE.matcher(date);
            if (!m.matches() || !validDate(m)) {
                resolver.invalid(sysinfo.bios, "Invalid BIOS 'date' format");
            }
        });
        entry(sysinfo.system, "uuid").ifPresent(written -> {
            String hex = written.replace("-", "");
            if (!UUID_TEXT.matcher(hex).matches()) {
                resolver.invalid(sysinfo.system, "malformed <sysinfo> uuid element");
            } else if (domainUuid.isPresent()
                    && !domainUuid.get().replace("-", "").equalsIgnoreCase(hex)) {
                resolver.invalid(sysinfo.system, "UUID mismatch between <uuid> and <sysinfo>");
            }
        });
    }

    /** mm/dd/yy or mm/dd/yyyy, a four-digit year from 1900 on. */
    private static boolean validDate(Matcher m) {
        try {
            int month = Integer.parseInt(m.group(1));
            int day = Integer.parseInt(m.group(2));
            int year = Integer.parseInt(m.group(3));
            return month >= 1 && month <= 12 && day >= 1 && day <= 31 && (year < 100 || year >= 1900);
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private List<String> tables(Sysinfo smbios) {
        if (smbios.baseBoards.size() > 1) {
            resolver.invalid(smbios.baseBoards.get(1), "qemu does not support more than one entry to Type 2 in SMBIOS table");
        }
        List<String> tables = new ArrayList<>();
        structure(0, smbios.bios, List.of("vendor", "version", "date", "release")).ifPresent(tables::add);
        structure(1, smbios.system, List.of("manufacturer", "product", "version", "serial", "uuid", "sku", "family"))
                .ifPresent(tables::add);
        for (Sysinfo.Block board : smbios.baseBoards) {
            structure(2, board, List.of("manufacturer", "product", "version", "serial", "asset", "location"))
                    .ifPresent(tables::add);
        }
        structure(3, smbios.chassis, List.of("manufacturer", "version", "serial", "asset", "sku")).ifPresent(tables::add);
        if (smbios.oemStrings != null) {
            StringBuilder oem = new StringBuilder("type=11");
            smbios.oemStrings.entries.forEach(e -> oem.append(",value=").append(Peripherals.escapeCommas(text(e))));
            tables.add(oem.toString());
        }
        return tables;
    }

    /**
     * One structure, its fields in libvirt's order; none when no field is given. A baseboard or chassis
     * always names its manufacturer, empty if need be, as libvirt writes them.
     */
    private static Optional<String> structure(int type, Sysinfo.Block block, List<String> fields) {
        StringBuilder text = new StringBuilder("type=").append(type);
        boolean any = false;
        for (String field : fields) {
            Optional<String> value = entry(block, field);
            if (value.isEmpty() && type >= 2 && field.equals("manufacturer")) {
                text.append(",manufacturer=");
            } else if (value.isPresent()) {
                String written = field.equals("uuid") ? canonicalUuid(value.get()) : value.get();
                text.append(',').append(field).append('=').append(Peripherals.escapeCommas(written));
                any = true;
            }
        }
        return any ? Optional.of(text.toString()) : Optional.empty();
    }

    private static String canonicalUuid(String written) {
        String hex = written.replace("-", "").toLowerCase(Locale.ROOT);
        return hex.length() != 32 ? written
                : hex.substring(0, 8) + "-" + hex.substring(8, 12) + "-" + hex.substring(12, 16) + "-"
                        + hex.substring(16, 20) + "-" + hex.substring(20);
    }

    /** The first entry of that name, as libvirt's XPath lookup finds it; an empty one counts as absent. */
    private static Optional<String> entry(Sysinfo.Block block, String name) {
        if (block == null) {
            return Optional.empty();
        }
        return block.entries.stream().filter(e -> name.equals(e.name)).findFirst().map(SystemInfos::text)
                .filter(v -> !v.isEmpty());
    }

    private static String text(Sysinfo.Entry entry) {
        return entry.value == null ? "" : entry.value;
    }

    private Optional<String> firmwareEntry(Sysinfo.Entry entry) {
        Optional<String> name = Values.text(entry.name);
        Optional<String> value = Optional.ofNullable(entry.value).filter(v -> !v.isBlank());
        Optional<String> file = Values.text(entry.file);
        if (name.isEmpty()) {
            resolver.invalid(entry, "Firmware entry is missing 'name' attribute");
        } else if (value.isEmpty() && file.isEmpty()) {
            resolver.invalid(entry, "Firmware entry must have either value or 'file' attribute");
        } else if (!name.get().startsWith("opt/")) {
            resolver.invalid(entry, "Invalid firmware name");
        } else {
            // written as given: libvirt escapes no comma here, and leaves a repeated name to QEMU
            return Optional.of("name=" + name.get() + (file.isPresent() ? ",file=" + file.get() : ",string=" + value.get()));
        }
        return Optional.empty();
    }
}
