package dev.domxml.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.domxml.args.ArgvComparison;
import dev.domxml.fix.CommandLineFixer;
import dev.domxml.fix.FixOptions;
import dev.domxml.fix.FixResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command-line fix, for real: a Proxmox VE style line puts three file-backed disks on one
 * virtio-scsi-pci; after {@code fix}, QEMU 7.2 boots it and reports over QMP that each disk's controller
 * runs in an iothread of its own.
 */
class FixArgsLiveIT {

    @Test
    void fixedProxmoxLineBootsWithOneIothreadPerDisk(@TempDir Path work) throws Exception {
        StringBuilder line = new StringBuilder("qemu-system-x86_64\n-machine pc\n-m 128\n-nodefaults\n-display none\n"
                + "-device virtio-scsi-pci,id=scsihw0,bus=pci.0,addr=0x5\n");
        for (int i = 0; i < 3; i++) {
            Path image = work.resolve("disk" + i + ".raw");
            Virsh.Outcome made = Virsh.run("qemu-img", "create", "-q", "-f", "raw", image.toString(), "16M");
            assertThat(made.ok()).as("qemu-img: %s", made.err()).isTrue();
            line.append("-drive file=").append(image).append(",if=none,id=drive-scsi").append(i)
                    .append(",format=raw,cache=none,aio=threads\n")
                    .append("-device scsi-hd,bus=scsihw0.0,channel=0,scsi-id=0,lun=").append(i)
                    .append(",drive=drive-scsi").append(i).append(",id=scsi").append(i).append('\n');
        }

        FixResult fixed = CommandLineFixer.fix(line.toString(), "live.args", FixOptions.perDisk());

        Path socket = work.resolve("qmp.sock");
        List<String> argv = new ArrayList<>(ArgvComparison.shellWords(fixed.fixed().replace('\n', ' ')));
        argv.addAll(List.of("-S", "-qmp", "unix:" + socket + ",server=on,wait=off"));
        QemuRunner.Outcome outcome = new QemuRunner(Duration.ofSeconds(60)).run("fixed line", argv, work, socket);

        assertThat(outcome.started()).as("QEMU on the fixed line: %s", outcome.failure()).isTrue();
        assertThat(outcome.probe().iothreads()).hasSize(3);
        List<String> controllers = List.of("scsihw0", "scsihw1", "scsihw2");
        assertThat(outcome.probe().bindings()).containsKeys(controllers.toArray(String[]::new));
        assertThat(new HashSet<>(controllers.stream().map(outcome.probe().bindings()::get).toList()))
                .as("distinct iothreads of the three controllers").hasSize(3)
                .isEqualTo(outcome.probe().iothreads());
    }
}
