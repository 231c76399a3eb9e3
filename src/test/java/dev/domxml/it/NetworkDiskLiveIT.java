package dev.domxml.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.domxml.args.ArgsOptions;
import dev.domxml.args.ArgsStyle;
import dev.domxml.args.ArgsWriter;
import dev.domxml.model.VirtualMachine;
import dev.domxml.rules.DomainMapper;
import dev.domxml.xml.DomainReader;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Network disks for real, which {@link QemuLiveIT} leaves out for want of a server: qemu-nbd serves two
 * images on this machine, one a disk of its own in an iothread, one the backing image of a file-backed
 * qcow2 disk, and QEMU 7.2 must open both from domxml's lines in either style.
 */
class NetworkDiskLiveIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @Test
    void nbdDisksAndAnNbdBackingImageOpenInBothStyles(@TempDir Path work) throws Exception {
        Path data = image(work, "data.raw", "raw");
        Path base = image(work, "base.qcow2", "qcow2");
        Path top = image(work, "top.qcow2", "qcow2");
        List<Process> servers = new ArrayList<>();
        try {
            int dataPort = serve(data, servers);
            int basePort = serve(base, servers);
            String xml = """
                    <domain type='qemu'>
                      <name>nbd-live</name>
                      <memory unit='MiB'>128</memory>
                      <iothreads>1</iothreads>
                      <os><type arch='x86_64' machine='pc-i440fx-7.2'>hvm</type></os>
                      <devices>
                        <disk type='network' device='disk'>
                          <driver name='qemu' type='raw' iothread='1'/>
                          <source protocol='nbd' name='data'><host name='127.0.0.1' port='%d'/></source>
                          <target dev='vda' bus='virtio'/>
                        </disk>
                        <disk type='file' device='disk'>
                          <driver name='qemu' type='qcow2'/>
                          <source file='%s'/>
                          <backingStore type='network'>
                            <format type='qcow2'/>
                            <source protocol='nbd' name='data'><host name='127.0.0.1' port='%d'/></source>
                            <backingStore/>
                          </backingStore>
                          <target dev='vdb' bus='virtio'/>
                        </disk>
                        <memballoon model='none'/>
                      </devices>
                    </domain>
                    """.formatted(dataPort, top, basePort);
            VirtualMachine vm = DomainMapper.map(DomainReader.read(xml.getBytes(StandardCharsets.UTF_8), "nbd-live.xml"))
                    .model().orElseThrow();

            for (ArgsStyle style : ArgsStyle.values()) {
                Path socket = work.resolve("qmp-" + style + ".sock");
                List<String> argv = new ArrayList<>(List.of(QemuLiveIT.binary("domxml.qemu", "qemu-system-x86_64")));
                List<String> line = ArgsWriter.forStyle(style).write(vm, new ArgsOptions(Optional.of(socket.toString()), true)).argv();
                argv.addAll(line.subList(1, line.size()));
                QemuRunner.Outcome outcome = new QemuRunner(TIMEOUT).run(style + " line", argv, work, socket);

                assertThat(outcome.started()).as("QEMU on domxml's %s line: %s", style, outcome.failure()).isTrue();
                assertThat(outcome.probe().bindings()).as("the nbd disk runs in its iothread")
                        .containsExactlyEntriesOf(Map.of("virtio-disk0", "iothread1"));
            }
        } finally {
            servers.forEach(Process::destroyForcibly);
        }
    }

    private static Path image(Path work, String name, String format) throws IOException {
        Path image = work.resolve(name);
        Virsh.Outcome made = Virsh.run("qemu-img", "create", "-q", "-f", format, image.toString(), "16M");
        assertThat(made.ok()).as("qemu-img: %s", made.err()).isTrue();
        return image;
    }

    /** Serves the image's bytes as export 'data' on a free local port, for as many clients as come. */
    private static int serve(Path image, List<Process> servers) throws IOException, InterruptedException {
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        servers.add(new ProcessBuilder("qemu-nbd", "--persistent", "--format=raw", "--export-name=data",
                "--bind=127.0.0.1", "--port=" + port, image.toString()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start());
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            try (Socket ignored = new Socket("127.0.0.1", port)) {
                return port;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        throw new IllegalStateException("qemu-nbd did not listen on port " + port + " within 10 s");
    }
}
