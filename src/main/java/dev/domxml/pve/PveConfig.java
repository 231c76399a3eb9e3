package dev.domxml.pve;

import dev.domxml.report.SourcePosition;
import java.util.List;
import java.util.Optional;

/**
 * A Proxmox VE VM config ({@code /etc/pve/qemu-server/VMID.conf}) as written: the main section's
 * {@code key: value} lines with where each was written, the leading {@code #} comment (the VM's
 * description), and the disks read from their lines. Snapshot and pending sections are not kept: they
 * do not make up the running VM.
 */
public record PveConfig(String file, String description, List<Line> lines, List<PveDisk> disks) {

    public PveConfig {
        lines = List.copyOf(lines);
        disks = List.copyOf(disks);
    }

    /** One {@code key: value} line: key at {@code position}, value starting at {@code valueColumn}. */
    public record Line(String key, String value, SourcePosition position, int valueColumn) {
        public SourcePosition valuePosition() {
            return new SourcePosition(position.file(), position.line(), valueColumn);
        }
    }

    public Optional<Line> line(String key) {
        return lines.stream().filter(l -> l.key().equals(key)).findFirst();
    }

    public Optional<String> value(String key) {
        return line(key).map(Line::value);
    }

    /** {@code scsihw} as written; unset means {@code lsi}, Proxmox's default. */
    public String scsihw() {
        return value("scsihw").orElse("lsi");
    }

    public boolean virtioScsiSingle() {
        return scsihw().equals("virtio-scsi-single");
    }

    /** The VMID from a file named {@code VMID.conf}, else 100. */
    public int vmid() {
        String name = java.nio.file.Path.of(file).getFileName().toString();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d+)\\.conf").matcher(name);
        return m.matches() && m.group(1).length() < 10 ? Integer.parseInt(m.group(1)) : 100;
    }
}
