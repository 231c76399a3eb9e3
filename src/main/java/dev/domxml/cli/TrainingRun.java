package dev.domxml.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The run {@code bin/domxml} records its class-data-sharing archive (or Java 25 AOT cache) from, right
 * after a build: every command once over the samples, so that whichever command a user runs finds its
 * classes already parsed and linked. Output is discarded.
 */
public final class TrainingRun {
    private TrainingRun() {}

    public static void main(String[] args) throws IOException {
        Map<String, Integer> statuses = runAll(Path.of(args.length > 0 ? args[0] : "samples"));
        statuses.forEach((run, status) -> {
            if (status >= ExitStatus.USAGE) {
                System.err.println("domxml training: '" + run + "' exited " + status + "; its classes are not archived");
            }
        });
    }

    /** Runs every command once over the samples; the exit status of each, by command line. */
    static Map<String, Integer> runAll(Path samples) throws IOException {
        Map<String, Integer> statuses = new LinkedHashMap<>();
        Path out = Files.createTempDirectory("domxml-training");
        String domain = samples.resolve("vm701-shared-controller.xml").toString();
        String q35 = samples.resolve("q35-virtio-scsi-single.xml").toString();
        List<String[]> runs = List.of(
                new String[] {"to-args", domain},
                new String[] {"to-args", "--style=legacy", "--format=json", q35},
                new String[] {"to-args", "--out-dir", out.toString(), samples.toString()},
                new String[] {"lint", samples.toString()},
                new String[] {"lint", "--format=json", samples.toString()},
                new String[] {"fix", "--diff", domain},
                new String[] {"from-args", samples.resolve("proxmox-vm701.args").toString()},
                new String[] {"from-pve", "--storage-cfg", samples.resolve("proxmox-storage.cfg").toString(),
                    samples.resolve("proxmox-701.conf").toString()},
                new String[] {"rules"});
        try (PrintWriter discard = new PrintWriter(Writer.nullWriter())) {
            for (String[] run : runs) {
                statuses.put(String.join(" ", run), Main.run(run, discard, discard));
            }
        } finally {
            try (Stream<Path> files = Files.walk(out)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(file);
                }
            }
        }
        return statuses;
    }
}
