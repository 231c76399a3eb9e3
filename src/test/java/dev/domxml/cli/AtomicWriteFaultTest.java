package dev.domxml.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code fix --in-place} that fails at any step leaves the original byte-identical and no temp file. */
class AtomicWriteFaultTest {
    private static final Path VM701 = Path.of("src/test/resources/corpus/libvirt-9.0/seed-vm701-no-iothread.xml");

    @AfterEach
    void noMoreFaults() {
        AtomicFiles.faults = AtomicFiles.Faults.NONE;
    }

    @ParameterizedTest
    @ValueSource(strings = {"created", "written", "synced"})
    void aFailureAtAnyStepLosesNothing(String failingStep, @TempDir Path dir) throws Exception {
        Path file = Files.copy(VM701, dir.resolve("vm701.xml"));
        byte[] before = Files.readAllBytes(file);
        AtomicFiles.faults = step -> {
            if (step.equals(failingStep)) {
                throw new IOException("injected failure at " + step);
            }
        };

        CliRunner run = CliRunner.run("fix", "--in-place", file.toString());

        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).contains("injected failure at " + failingStep, "the file is unchanged");
        assertThat(Files.readAllBytes(file)).isEqualTo(before);
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).containsExactly(file);
        }
    }
}
