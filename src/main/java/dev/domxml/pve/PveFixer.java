package dev.domxml.pve;

import dev.domxml.fix.FixResult;
import dev.domxml.rules.Findings;
import dev.domxml.rules.pve.PveIothreadIgnored;
import dev.domxml.rules.pve.PveQueuesDropped;
import dev.domxml.xml.InputException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code fix} for a Proxmox VE config: when a SCSI disk asks for an I/O thread or queues that Proxmox
 * would ignore, sets {@code scsihw: virtio-scsi-single} (one controller per disk, each with its own I/O
 * thread). Only that line changes, or one line is added among the main section's keys in Proxmox's
 * alphabetical order; every other byte (comments, snapshots, line endings) stays as it was.
 */
public final class PveFixer {
    private static final Pattern SCSIHW = Pattern.compile("scsihw:[ \\t]*\\S.*?");
    private static final Pattern KEY = Pattern.compile("([a-z][a-z_\\-]*\\d*):.*");
    private static final String SINGLE = "virtio-scsi-single";

    private PveFixer() {}

    public static FixResult fix(String text, String file) throws InputException {
        PveConfig config = PveConfigReader.read(text, file);
        Findings needed = new Findings();
        new PveIothreadIgnored().check(config, PveStorage.none(), needed);
        new PveQueuesDropped().check(config, PveStorage.none(), needed);
        if (needed.all().isEmpty()) {
            return new FixResult(text, text, List.of());
        }
        List<String> scsi = config.disks().stream().filter(d -> d.bus() == PveBus.SCSI).map(PveDisk::key).toList();
        String change = "scsihw: " + config.scsihw() + " -> " + SINGLE + ": " + String.join(", ", scsi)
                + " get a virtio-scsi controller each (virtioscsiN on pci.3), with an I/O thread where iothread=1;"
                + " their guest-visible SCSI addresses change";
        List<String> lines = splitKeepingEnds(text);
        String eol = text.contains("\r\n") ? "\r\n" : "\n";
        int insertAt = -1;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            String body = stripEnd(line);
            if (body.startsWith("[")) {
                break;
            }
            if (SCSIHW.matcher(body).matches() && config.line("scsihw").map(l -> l.position().line()).orElse(-1) == i + 1) {
                lines.set(i, "scsihw: " + SINGLE + line.substring(body.length()));
                return new FixResult(text, String.join("", lines), List.of(change));
            }
            Matcher key = KEY.matcher(body);
            if (key.matches() && insertAt < 0 && key.group(1).compareTo("scsihw") > 0) {
                insertAt = i;
            }
        }
        if (insertAt < 0) {
            insertAt = endOfMainSection(lines);
        }
        if (insertAt > 0 && !lines.get(insertAt - 1).endsWith("\n")) {
            lines.set(insertAt - 1, lines.get(insertAt - 1) + eol);
        }
        lines.add(insertAt, "scsihw: " + SINGLE + eol);
        return new FixResult(text, String.join("", lines), List.of(change));
    }

    /** After the main section's last key line (before the blank line that ends it, if any). */
    private static int endOfMainSection(List<String> lines) {
        int last = 0;
        for (int i = 0; i < lines.size(); i++) {
            String body = stripEnd(lines.get(i));
            if (body.startsWith("[")) {
                break;
            }
            if (KEY.matcher(body).matches()) {
                last = i + 1;
            }
        }
        return last;
    }

    private static String stripEnd(String line) {
        return line.endsWith("\r\n") ? line.substring(0, line.length() - 2)
                : line.endsWith("\n") ? line.substring(0, line.length() - 1) : line;
    }

    private static List<String> splitKeepingEnds(String text) {
        List<String> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                lines.add(text.substring(start, i + 1));
                start = i + 1;
            }
        }
        if (start < text.length()) {
            lines.add(text.substring(start));
        }
        return lines;
    }
}
