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
            return files.filter(p -> p.toString().endsWith(".args")).sorted().toList();
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
