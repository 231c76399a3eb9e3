package dev.domxml.corpus;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Corpus cases where libvirt 9.0 accepts the domain but writes a command line that QEMU 7.2 itself
 * refuses (the corpus README marks most as "QEMU would fail"). QemuLiveIT boots the oracle ones and
 * checks QEMU's error; the oracle-random ones are the same refusal (mptsas1068 has LUNs 0-1, pvscsi
 * only LUN 0). {@code from-args} refuses all of them, at the property QEMU names.
 */
public final class QemuRefusedLines {
    /** Why QEMU refuses a case's line: its own message, and the property as domxml names it. */
    public record Refusal(String qemuMessage, String property) {}

    private static final Map<String, Refusal> CASES = Map.of(
            "pc-ide-drive-bus-2-unchecked", new Refusal("Bus 'ide.2' not found", "bus=ide.2"),
            "pc-ide-drive-unit-2-unchecked", new Refusal("Can't create IDE unit 2, bus supports only 2 units", "unit=2"),
            "q35-sata-drive-unit-6-unchecked", new Refusal("Bus 'ide.6' not found", "bus=ide.6"),
            // vmpvscsi (pvscsi) has a single LUN per target; libvirt does not check the unit
            "pc-four-scsi-controllers-mixed-models", new Refusal("bad scsi device lun: 1", "lun=1"),
            "rnd-s3-052", new Refusal("bad scsi device lun: 2", "lun=2"),
            "rnd-s5-025", new Refusal("bad scsi device lun: 5", "lun=5"),
            "rnd-s5-059", new Refusal("bad scsi device lun: 2", "lun=2"),
            "rnd-s7-020", new Refusal("bad scsi device lun: 5", "lun=5"),
            "rnd-s8-030", new Refusal("bad scsi device lun: 2", "lun=2"));

    private QemuRefusedLines() {}

    public static Optional<Refusal> of(String caseName) {
        return Optional.ofNullable(CASES.get(caseName));
    }

    /** The refusal for a case's NAME.args or NAME.xml. */
    public static Optional<Refusal> of(Path file) {
        return of(file.getFileName().toString().replaceFirst("\\.(args|xml)$", ""));
    }
}
