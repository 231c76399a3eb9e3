package dev.domxml.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a program (virsh, qemu-img, a JVM) to completion within a deadline. Output goes to files, not
 * pipes, so a program that hangs without closing its output cannot block the reader past the deadline:
 * a stuck daemon fails one test instead of stalling the whole CI run.
 */
public final class ExternalProcess {
    private ExternalProcess() {}

    /** What a program printed and how it ended. */
    public record Result(int status, String out, String err) {
        public boolean ok() {
            return status == 0;
        }
    }

    public static Result run(Duration limit, List<String> command) throws IOException {
        return run(limit, Path.of(""), command);
    }

    public static Result run(Duration limit, Path directory, List<String> command) throws IOException {
        return run(limit, directory, Map.of(), command);
    }

    /** Runs {@code command} with {@code environment} added to (or replacing entries of) this process's. */
    public static Result run(Duration limit, Path directory, Map<String, String> environment, List<String> command)
            throws IOException {
        Path out = Files.createTempFile("domxml-test-out", ".txt");
        Path err = Files.createTempFile("domxml-test-err", ".txt");
        try {
            Process process;
            try {
                ProcessBuilder builder = new ProcessBuilder(command);
                builder.environment().putAll(environment);
                process = builder
                        .directory(directory.toAbsolutePath().toFile())
                        .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                        .redirectOutput(out.toFile())
                        .redirectError(err.toFile())
                        .start();
            } catch (IOException e) {
                throw new IOException(command.get(0) + " is not installed", e);
            }
            if (!process.waitFor(limit.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException(String.join(" ", command) + " did not finish within " + limit.toSeconds() + " s");
            }
            return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running " + command.get(0), e);
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
