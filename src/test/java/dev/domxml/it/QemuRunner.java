package dev.domxml.it;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Starts one QEMU with a given argv (which must already hold {@code -S} and a QMP socket at
 * {@code qmpSocket}), asks it over QMP which iothreads exist and which device uses which, then makes
 * it quit. Every start is bounded by a timeout, and QEMU is killed whatever happens.
 */
final class QemuRunner {
    /** What QEMU reported: iothread ids from query-iothreads, device id to iothread id from QOM. */
    record Probe(Set<String> iothreads, Map<String, String> bindings) {}

    /**
     * One run. {@code probe} is set when QEMU started and answered; otherwise {@code refused} says
     * whether QEMU itself exited with an error (it did not accept the command line), and
     * {@code failure} describes what went wrong, QEMU's messages included.
     */
    record Outcome(String label, List<String> argv, Probe probe, boolean refused, String failure, String stderr) {
        boolean started() {
            return probe != null;
        }

        /**
         * QEMU's last error line without the timestamp, the program name and the echoed option, e.g.
         * "Bus 'ide.2' not found", so that the same refusal reads the same for every spelling of a line.
         */
        String reason() {
            List<String> lines = stderr.lines().filter(l -> !l.isBlank()).toList();
            String line = lines.isEmpty() ? "" : lines.get(lines.size() - 1).strip();
            line = line.replaceFirst("^\\d{4}-\\d\\d-\\d\\dT[0-9:.]+Z ", "").replaceFirst("^\\S*qemu-system-\\S*: ", "");
            for (int i = 1; i + 1 < argv.size(); i++) {
                String echoed = argv.get(i) + " " + argv.get(i + 1) + ": ";
                if (line.startsWith(echoed)) {
                    return line.substring(echoed.length());
                }
            }
            return line;
        }
    }

    private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "qemu-watchdog");
        t.setDaemon(true);
        return t;
    });

    private final Duration timeout;

    QemuRunner(Duration timeout) {
        this.timeout = timeout;
    }

    Outcome run(String label, List<String> argv, Path workDir, Path qmpSocket) throws IOException, InterruptedException {
        Files.deleteIfExists(qmpSocket);
        String slug = label.replaceAll("[^A-Za-z0-9]+", "-");
        Path stdout = workDir.resolve(slug + ".stdout");
        Path stderr = workDir.resolve(slug + ".stderr");
        ProcessBuilder builder = new ProcessBuilder(argv)
                .redirectOutput(stdout.toFile())
                .redirectError(stderr.toFile())
                .directory(workDir.toFile());
        builder.environment().put("LC_ALL", "C");
        Process qemu = builder.start();
        qemu.getOutputStream().close();

        AtomicBoolean timedOut = new AtomicBoolean();
        AtomicReference<QmpClient> clientRef = new AtomicReference<>();
        ScheduledFuture<?> watchdog = WATCHDOG.schedule(() -> {
            timedOut.set(true);
            qemu.destroyForcibly();
            QmpClient c = clientRef.get();
            if (c != null) {
                try {
                    c.close();
                } catch (IOException ignored) {
                    // closing only unblocks the reader
                }
            }
        }, timeout.toMillis(), TimeUnit.MILLISECONDS);
        try {
            QmpClient client = null;
            while (client == null) {
                if (timedOut.get()) {
                    return failed(label, argv, "QEMU did not open its QMP socket within " + timeout.toSeconds() + " s", stderr);
                }
                if (!qemu.isAlive()) {
                    return refused(label, argv, qemu, stderr);
                }
                if (Files.exists(qmpSocket)) {
                    try {
                        client = QmpClient.connect(qmpSocket);
                    } catch (IOException e) {
                        if (!qemu.isAlive()) {
                            return refused(label, argv, qemu, stderr);
                        }
                        if (timedOut.get()) {
                            continue;
                        }
                    }
                }
                if (client == null) {
                    Thread.sleep(20);
                }
            }
            clientRef.set(client);
            try (QmpClient qmp = client) {
                // Commands run in QEMU's main loop, so this answers only once the machine is built:
                // a device QEMU refuses ends the process first and this read sees the connection close.
                qmp.execute("query-status");
                Probe probe = probe(qmp);
                try {
                    qmp.execute("quit");
                } catch (IOException ignored) {
                    // QEMU may close the connection before the reply arrives
                }
                return new Outcome(label, argv, probe, false, null, read(stderr));
            } catch (IOException e) {
                if (timedOut.get()) {
                    return failed(label, argv, "QEMU did not answer on QMP within " + timeout.toSeconds() + " s", stderr);
                }
                if (qemu.waitFor(5, TimeUnit.SECONDS) && qemu.exitValue() != 0) {
                    return refused(label, argv, qemu, stderr);
                }
                return failed(label, argv, "QMP conversation failed: " + e.getMessage(), stderr);
            }
        } finally {
            watchdog.cancel(false);
            if (!qemu.waitFor(5, TimeUnit.SECONDS)) {
                qemu.destroyForcibly();
                qemu.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    private static Probe probe(QmpClient qmp) throws IOException {
        Set<String> iothreads = new TreeSet<>();
        for (JsonNode thread : qmp.execute("query-iothreads")) {
            iothreads.add(thread.path("id").asText());
        }
        Map<String, String> bindings = new TreeMap<>();
        walk(qmp, "/machine/peripheral", bindings);
        walk(qmp, "/machine/peripheral-anon", bindings);
        return new Probe(iothreads, bindings);
    }

    /**
     * Follows child properties below {@code path} and records every set {@code iothread} link under
     * the name of the object that has it. virtio proxies (virtio-blk-pci, virtio-scsi-pci) carry the
     * link themselves, aliased from their {@code virtio-backend} child, which is therefore skipped.
     */
    private static void walk(QmpClient qmp, String path, Map<String, String> bindings) throws IOException {
        for (JsonNode property : qmp.execute("qom-list", Map.of("path", path))) {
            String name = property.path("name").asText();
            String type = property.path("type").asText();
            if (type.startsWith("child<")) {
                if (!name.equals("virtio-backend") && !type.contains("memory-region")) {
                    walk(qmp, path + "/" + name, bindings);
                }
            } else if (name.equals("iothread") && type.startsWith("link<")) {
                String target = qmp.execute("qom-get", Map.of("path", path, "property", "iothread")).asText("");
                if (!target.isEmpty()) {
                    bindings.put(path.substring(path.lastIndexOf('/') + 1), target.substring(target.lastIndexOf('/') + 1));
                }
            }
        }
    }

    private static Outcome refused(String label, List<String> argv, Process qemu, Path stderr) throws InterruptedException {
        qemu.waitFor(5, TimeUnit.SECONDS);
        String status = qemu.isAlive() ? "is still running" : "exited with status " + qemu.exitValue();
        String messages = read(stderr);
        return new Outcome(label, argv, null, !qemu.isAlive() && qemu.exitValue() != 0,
                "QEMU " + status + ": " + messages, messages);
    }

    private static Outcome failed(String label, List<String> argv, String what, Path stderr) {
        String messages = read(stderr);
        return new Outcome(label, argv, null, false, what + (messages.isEmpty() ? "" : "; QEMU said: " + messages), messages);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            return "(cannot read " + file + ": " + e.getMessage() + ")";
        }
    }
}
