package dev.domxml.pve;

import static org.assertj.core.api.Assertions.assertThat;

import dev.domxml.model.DiskDevice;
import dev.domxml.model.StorageController;
import dev.domxml.model.VirtualMachine;
import dev.domxml.qemu.CommandLineReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class PveReaderTest {
    private static final Path PVE = Path.of("src/test/resources/pve");

    private static PveStorage storageCfg() throws Exception {
        return PveStorage.of(List.of(), Optional.of(PveStorage.parseStorageCfg(
                Files.readString(PVE.resolve("storage.cfg")), "storage.cfg")));
    }

    /** The model of a config is the model of the command line Proxmox writes for it: the seed's, disk for disk. */
    @ParameterizedTest
    @CsvSource({"601.conf, proxmox-vm601-virtio-scsi-single.txt", "701.conf, proxmox-vm701-virtio-scsi-pci.txt"})
    void aConfigBecomesTheSameStorageModelAsItsSeedLine(String config, String seed) throws Exception {
        VirtualMachine ours = PveVm.read(PveConfigReader.read(Files.readString(PVE.resolve(config)), config),
                storageCfg()).model();
        VirtualMachine theirs = CommandLineReader.read(
                Files.readString(Path.of("src/test/resources/kvm-args").resolve(seed)), seed).model();

        assertThat(ours.devicesOf(DiskDevice.class)).isNotEmpty().isEqualTo(theirs.devicesOf(DiskDevice.class));
        assertThat(ours.devicesOf(StorageController.class)).isEqualTo(theirs.devicesOf(StorageController.class));
        assertThat(ours.iothreads()).isEqualTo(theirs.iothreads());
    }

    @Test
    void descriptionSectionsAndStorageCfgPaths() throws Exception {
        String text = "#first line\n# second\nname: t\nscsi0: local:100/vm-100-disk-0.qcow2,size=1G\n"
                + "ide2: local:iso/x.iso,media=cdrom\nvirtio0: hddpool:vm-100-disk-1\n\n[snap]\nscsi1: /dev/sdz\n";
        PveConfig config = PveConfigReader.read(text, "100.conf");

        assertThat(config.description()).isEqualTo("first line\n second");
        assertThat(config.disks()).extracting(PveDisk::key).containsExactly("ide2", "scsi0", "virtio0");
        assertThat(config.vmid()).isEqualTo(100);
        PveStorage storage = storageCfg();
        assertThat(storage.resolve(config.disks().get(0), 100).path()).isEqualTo("/var/lib/vz/template/iso/x.iso");
        PveStorage.Resolved qcow2 = storage.resolve(config.disks().get(1), 100);
        assertThat(qcow2.path()).isEqualTo("/var/lib/vz/images/100/vm-100-disk-0.qcow2");
        assertThat(qcow2.format()).isEqualTo("qcow2");
        assertThat(storage.resolve(config.disks().get(2), 100).path()).isEqualTo("/dev/zvol/hddpool/data/vm-100-disk-1");
        assertThat(PveStorage.none().resolve(config.disks().get(2), 100).mapped()).isFalse();
    }

    @Test
    void legacyBootGivesDisk100CdromsFrom200AndNicsFrom300() throws Exception {
        String text = "boot: cdn\nbootdisk: scsi1\nide2: none,media=cdrom\nscsi0: /dev/sda\nscsi1: /dev/sdb\n"
                + "net0: virtio=BC:24:11:00:00:01,bridge=vmbr0\n";
        List<String> argv = PveArgs.generate(PveConfigReader.read(text, "1.conf"), PveStorage.none()).commandLine().argv();

        assertThat(argv).contains("ide-cd,bus=ide.1,unit=0,drive=drive-ide2,id=ide2,bootindex=200",
                "scsi-hd,bus=scsihw0.0,scsi-id=1,drive=drive-scsi1,id=scsi1,bootindex=101",
                "scsi-hd,bus=scsihw0.0,scsi-id=0,drive=drive-scsi0,id=scsi0",
                "if=none,id=drive-ide2,media=cdrom,aio=io_uring");
        assertThat(String.join(" ", argv)).contains("id=net0,bootindex=300");
    }
}
