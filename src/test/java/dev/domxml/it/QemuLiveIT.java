package dev.domxml.it;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.DynamicContainer.dynamicContainer;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import dev.domxml.args.ArgsOptions;
import dev.domxml.args.ArgsStyle;
import dev.domxml.args.ArgsWriter;
import dev.domxml.corpus.QemuRefusedLines;
import dev.domxml.rules.DomainMapper;
import dev.domxml.testing.ExternalProcess;
import dev.domxml.xml.DomainReader;
import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;

/**
 * Boots every file-backed accepted corpus case in a real QEMU (TCG, paused, no display) three
 * times: with domxml's {@code --style=libvirt} line, with its {@code --style=legacy} line, and with
 * libvirt's own line from NAME.args. QEMU must accept all three, and over QMP they must report the
 * same iothreads and the same device-to-iothread bindings. Where QEMU refuses libvirt's own line
 * ({@link QemuRefusedLines}), it must refuse domxml's lines for the same reason.
 *
 * <p>Disk images are created (64 MiB, qcow2 or raw) in a temporary directory that replaces
 * /var/tmp/domxml-disks/ in all three lines. Cases that need host resources (block devices, network
 * interfaces) are left out and listed on stdout. A missing QEMU is a failure, never a skip:
 * install it with {@code bash src/test/oracle/setup-libvirt.sh}.
 *
 * <p>System properties: {@code domxml.qemu} / {@code domxml.qemu-img} (binaries, default: found on
 * PATH), {@code domxml.qemu.timeout} (seconds per QEMU start, default 20).
 */
class QemuLiveIT {
    private static final List<String> CORPORA = List.of("oracle", "libvirt-9.0");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(Long.getLong("domxml.qemu.timeout", 20));
    private static final String INSTALL_HINT =
            "the live tests need QEMU 7.2 (qemu-system-x86 and qemu-utils); install it with "
                    + "`bash src/test/oracle/setup-libvirt.sh` as root, or point -Ddomxml.qemu=/-Ddomxml.qemu-img= at the binaries";


    @TestFactory
    Stream<DynamicNode> bootsLikeLibvirt() throws IOException {
        List<DynamicNode> containers = new ArrayList<>();
        QemuRunner runner = new QemuRunner(START_TIMEOUT);
        for (String corpus : CORPORA) {
            Path dir = corpusDir(corpus);
            List<LiveCase> cases = LiveCase.discover(dir);
            List<LiveCase> live = cases.stream().filter(LiveCase::live).toList();
            List<String> leftOut = cases.stream().filter(c -> !c.live())
                    .map(c -> c.name() + " (" + c.hostNeed().orElseThrow() + ")").toList();
            System.out.printf("QemuLiveIT: corpus %s: %d accepted cases, %d file-backed and booted, %d left out%s%n",
                    corpus, cases.size(), live.size(), leftOut.size(),
                    leftOut.isEmpty() ? "" : ": " + String.join(", ", leftOut));
            if (live.isEmpty()) {
                throw new IllegalStateException("no file-backed accepted case in " + dir);
            }
            containers.add(dynamicContainer(corpus, dir.toUri(), live.stream()
                    .map(c -> dynamicTest(c.name(), c.xml().toUri(), () -> check(c, runner)))));
        }
        return containers.stream();
    }

    private static void check(LiveCase c, QemuRunner runner) throws Exception {
        String qemu = binary("domxml.qemu", "qemu-system-x86_64");
        String qemuImg = binary("domxml.qemu-img", "qemu-img");

        Path work = Files.createTempDirectory("domxml-live-");
        try {
            for (Map.Entry<String, String> image : c.images().entrySet()) {
                createImage(qemuImg, work.resolve(image.getKey()), image.getValue());
            }
            Path socket = work.resolve("qmp.sock");

            var result = DomainMapper.map(DomainReader.read(c.xml()));
            if (!result.accepted()) {
                fail(c.displayName() + ": domxml refuses a domain libvirt accepts: " + result.errors().stream()
                        .map(d -> d.format(c.xml().toString())).collect(Collectors.joining("; ")));
            }
            ArgsOptions withQmp = new ArgsOptions(Optional.of(socket.toString()), true);
            List<String> domxmlLibvirt = ArgsWriter.forStyle(ArgsStyle.LIBVIRT).write(result.model().get(), withQmp).argv();
            List<String> domxmlLegacy = ArgsWriter.forStyle(ArgsStyle.LEGACY).write(result.model().get(), withQmp).argv();
            List<String> libvirt = new ArrayList<>();
            libvirt.add("qemu");
            libvirt.addAll(c.libvirtOptions());
            if (!libvirt.contains("-S")) {
                libvirt.add("-S");
            }
            libvirt.addAll(List.of("-display", "none", "-qmp", "unix:" + socket + ",server=on,wait=off"));

            List<QemuRunner.Outcome> outcomes = List.of(
                    runner.run("domxml --style=libvirt", localize(domxmlLibvirt, qemu, work), work, socket),
                    runner.run("domxml --style=legacy", localize(domxmlLegacy, qemu, work), work, socket),
                    runner.run("libvirt NAME.args", localize(libvirt, qemu, work), work, socket));
            Optional<QemuRefusedLines.Refusal> refusal = QemuRefusedLines.of(c.name());
            String problems = refusal.isPresent() ? allRefused(outcomes, refusal.get().qemuMessage()) : sameIothreads(outcomes);
            if (!problems.isEmpty()) {
                fail(c.displayName() + ":\n" + problems);
            }
        } finally {
            deleteTree(work);
        }
    }

    /** All three started; the domxml runs report what the libvirt run reports. */
    private static String sameIothreads(List<QemuRunner.Outcome> outcomes) {
        StringBuilder problems = new StringBuilder();
        for (QemuRunner.Outcome o : outcomes) {
            if (!o.started()) {
                problems.append("- ").append(o.label()).append(": QEMU did not start: ").append(o.failure())
                        .append("\n  command: ").append(shellLine(o.argv())).append('\n');
            }
        }
        QemuRunner.Outcome reference = outcomes.get(outcomes.size() - 1);
        if (reference.started()) {
            for (QemuRunner.Outcome o : outcomes.subList(0, outcomes.size() - 1)) {
                if (!o.started()) {
                    continue;
                }
                if (!o.probe().iothreads().equals(reference.probe().iothreads())) {
                    problems.append("- ").append(o.label()).append(": query-iothreads ids ").append(o.probe().iothreads())
                            .append(", libvirt's line ").append(reference.probe().iothreads()).append('\n');
                }
                if (!o.probe().bindings().equals(reference.probe().bindings())) {
                    problems.append("- ").append(o.label()).append(": device -> iothread ").append(o.probe().bindings())
                            .append(", libvirt's line ").append(reference.probe().bindings())
                            .append(diff(o.probe().bindings(), reference.probe().bindings())).append('\n');
                }
            }
        }
        return problems.toString();
    }

    /** All three refused by QEMU with the expected reason. */
    private static String allRefused(List<QemuRunner.Outcome> outcomes, String reason) {
        StringBuilder problems = new StringBuilder();
        for (QemuRunner.Outcome o : outcomes) {
            if (o.started()) {
                problems.append("- ").append(o.label()).append(": QEMU started, but QEMU 7.2 refuses libvirt's line for this case (")
                        .append(reason).append(")\n");
            } else if (!o.refused()) {
                problems.append("- ").append(o.label()).append(": expected QEMU to refuse the line (").append(reason)
                        .append("), but: ").append(o.failure()).append('\n');
            } else if (!o.reason().equals(reason)) {
                problems.append("- ").append(o.label()).append(": QEMU refused it with \"").append(o.reason())
                        .append("\", expected \"").append(reason).append("\"\n  full message: ").append(o.stderr()).append('\n');
            }
        }
        return problems.toString();
    }

    private static String diff(Map<String, String> actual, Map<String, String> expected) {
        Set<String> keys = new TreeSet<>(actual.keySet());
        keys.addAll(expected.keySet());
        Map<String, String> d = new TreeMap<>();
        for (String k : keys) {
            String a = actual.get(k);
            String e = expected.get(k);
            if (a == null ? e != null : !a.equals(e)) {
                d.put(k, a + " (libvirt: " + e + ")");
            }
        }
        return d.isEmpty() ? "" : "; differences: " + d;
    }

    /**
     * The case's own QEMU in front (after env(1) and its assignments, where the line sets an environment),
     * and /var/tmp/domxml-disks/ moved to the work directory.
     */
    private static List<String> localize(List<String> argv, String qemu, Path work) {
        List<String> out = new ArrayList<>(argv.size());
        int binary = 0;
        if (argv.get(0).equals("env")) {
            do {
                out.add(argv.get(binary++));
            } while (argv.get(binary).contains("=") && !argv.get(binary).startsWith("-"));
        }
        out.add(qemu);
        for (String arg : argv.subList(binary + 1, argv.size())) {
            out.add(arg.replace(LiveCase.DISK_DIR, work + "/"));
        }
        return out;
    }

    private static void createImage(String qemuImg, Path image, String format) throws IOException {
        Files.createDirectories(image.getParent());
        ExternalProcess.Result created = ExternalProcess.run(Duration.ofSeconds(30),
                List.of(qemuImg, "create", "-q", "-f", format, image.toString(), "64M"));
        if (!created.ok()) {
            fail("qemu-img create -f " + format + " " + image + " failed: " + created.out() + created.err());
        }
    }

    static String binary(String property, String name) {
        String configured = System.getProperty(property);
        if (configured != null && !configured.isBlank()) {
            if (!Files.isExecutable(Path.of(configured))) {
                fail(property + "=" + configured + " is not an executable file; " + INSTALL_HINT);
            }
            return configured;
        }
        String path = Optional.ofNullable(System.getenv("PATH")).orElse("") + File.pathSeparator + "/usr/bin";
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, name))) {
                return Path.of(dir, name).toString();
            }
        }
        return fail(name + " not found on PATH; " + INSTALL_HINT);
    }

    private static Path corpusDir(String corpus) {
        URL url = QemuLiveIT.class.getResource("/corpus/" + corpus);
        if (url == null) {
            throw new IllegalStateException("test resource /corpus/" + corpus + " is missing from the test classpath");
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String shellLine(List<String> argv) {
        return argv.stream()
                .map(a -> a.matches("[A-Za-z0-9_./:=,+@%-]+") ? a : "'" + a.replace("'", "'\\''") + "'")
                .collect(Collectors.joining(" "));
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
