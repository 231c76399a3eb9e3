package dev.domxml.cli;

import dev.domxml.pve.PveStorage;
import dev.domxml.report.SourcePosition;
import dev.domxml.xml.InputException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Option;

/** Where a Proxmox VE config's storage volumes are: {@code --storage ID=PREFIX} and {@code --storage-cfg FILE}. */
final class PveOptions {
    @Option(names = "--storage", paramLabel = "ID=PREFIX", description = "Proxmox VE configs: storage ID's volumes are"
            + " under PREFIX (local-lvm=/dev/pve); repeatable.")
    List<String> storage = new ArrayList<>();

    @Option(names = "--storage-cfg", paramLabel = "FILE", description = "Proxmox VE configs: read storage ids, types"
            + " and paths from this storage.cfg (/etc/pve/storage.cfg).")
    Path storageCfg;

    PveStorage storage() throws InputException {
        Optional<PveStorage> cfg = Optional.empty();
        if (storageCfg != null) {
            cfg = Optional.of(PveStorage.parseStorageCfg(PveCli.text(storageCfg), storageCfg.toString()));
        }
        try {
            return PveStorage.of(storage, cfg);
        } catch (IllegalArgumentException e) {
            throw new InputException(SourcePosition.ofFile("--storage"), e.getMessage());
        }
    }

    boolean given() {
        return !storage.isEmpty() || storageCfg != null;
    }
}
