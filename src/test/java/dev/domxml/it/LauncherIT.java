package dev.domxml.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.domxml.testing.ExternalProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bin/domxml} as users run it, against the jar this build packaged. */
class LauncherIT {
    private static final Duration LIMIT = Duration.ofMinutes(3);
    private static final String LAUNCHER = Path.of("bin/domxml").toAbsolutePath().toString();

    @Test
    void runsTheCommandAndRecordsAClassDataArchiveForTheRuntime() throws IOException {
        ExternalProcess.Result run = ExternalProcess.run(LIMIT,
                List.of(LAUNCHER, "to-args", "samples/vm701-shared-controller.xml"));

        assertThat(run.status()).as(run.err()).isZero();
        assertThat(run.out()).startsWith("/usr/bin/qemu-system-x86_64 ").contains("-blockdev");
        try (Stream<Path> files = Files.list(Path.of("target"))) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .anyMatch(name -> name.matches("domxml-jdk\\d+\\.(jsa|aot)"));
        }
    }

    /**
     * picocli ships Java 5 class files, which class-data sharing leaves out; the build rewrites them as Java 8
     * ones (src/build/ClassFileUpgrade.java), so a start maps them from the launcher's archive like the rest.
     */
    @Test
    void picocliIsLoadedFromTheClassDataArchive(@TempDir Path dir) throws IOException {
        ExternalProcess.run(LIMIT, List.of(LAUNCHER, "--version")); // records the archive if the jar is new
        Path log = dir.resolve("classes.txt");

        ExternalProcess.Result run = ExternalProcess.run(LIMIT, Path.of(""),
                Map.of("JAVA_TOOL_OPTIONS", "-Xlog:class+load:file=" + log), List.of(LAUNCHER, "--version"));

        assertThat(run.status()).as(run.err()).isZero();
        assertThat(Files.readAllLines(log)).anyMatch(line -> line.contains("picocli.CommandLine source: shared objects file"));
    }

    @Test
    void aMissingJavaIsOneLineAndExitStatusTwo() throws IOException {
        ExternalProcess.Result run = ExternalProcess.run(LIMIT, Path.of(""),
                Map.of("JAVA_HOME", "/nonexistent-jdk"), List.of(LAUNCHER, "--version"));

        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err().strip()).isEqualTo(
                "domxml: no Java runtime: '/nonexistent-jdk/bin/java' not found (install Java 17 or later, or set JAVA_HOME)");
    }

    /**
     * A runtime that says it is Java 25 gets an AOT cache, recorded by the training run and then used.
     * The stand-in JDK records the options it is given and runs nothing.
     */
    @Test
    void onJava25TheLauncherRecordsAndUsesAnAotCache(@TempDir Path jdk) throws IOException {
        Path log = jdk.resolve("calls.txt");
        Path cache = Path.of("target/domxml-jdk25.aot");
        Files.createDirectories(jdk.resolve("bin"));
        Files.writeString(jdk.resolve("release"), "JAVA_VERSION=\"25.0.3\"\n");
        Path java = jdk.resolve("bin/java");
        Files.writeString(java, String.join("\n", "#!/bin/sh",
                "echo \"$*\" >> '" + log + "'",
                "for a in \"$@\"; do case $a in -XX:AOTCacheOutput=*) : > \"${a#-XX:AOTCacheOutput=}\";; esac; done", ""));
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.deleteIfExists(cache);

        ExternalProcess.Result run;
        try {
            run = ExternalProcess.run(LIMIT, Path.of(""), Map.of("JAVA_HOME", jdk.toString()),
                    List.of(LAUNCHER, "--version"));
        } finally {
            Files.deleteIfExists(cache); // the stand-in's empty cache must not meet a real Java 25
        }

        assertThat(run.status()).as(run.err()).isZero();
        List<String> calls = Files.readAllLines(log);
        assertThat(calls).hasSize(2);
        assertThat(calls.get(0)).contains("-XX:AOTCacheOutput=").contains("dev.domxml.cli.TrainingRun")
                .doesNotContain("-Xshare");
        assertThat(calls.get(1)).contains("-XX:AOTCache=").endsWith("-jar " + Path.of("target/domxml.jar")
                .toAbsolutePath() + " --version");
    }
}
