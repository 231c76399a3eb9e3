package dev.domxml.corpus;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** One reference case: a domain XML and what libvirt 9.0 itself made of it (NAME.args or NAME.err). */
record CorpusCase(String suite, String name, Path xml, Optional<Path> args, Optional<Path> refusal) {
    static final Path ROOT = Paths.get("src/test/resources/corpus");

    static List<CorpusCase> all() {
        try (Stream<Path> files = Files.walk(ROOT)) {
            return files.filter(p -> p.toString().endsWith(".xml")).sorted().map(CorpusCase::of)
                    .filter(c -> c.args.isPresent() || c.refusal.isPresent()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static CorpusCase of(Path xml) {
        String base = xml.getFileName().toString().replaceFirst("\\.xml$", "");
        Path args = xml.resolveSibling(base + ".args");
        Path err = xml.resolveSibling(base + ".err");
        return new CorpusCase(xml.getParent().getFileName().toString(), base, xml,
                Files.exists(args) ? Optional.of(args) : Optional.empty(),
                Files.exists(err) ? Optional.of(err) : Optional.empty());
    }

    String libvirtArgs() {
        try {
            return Files.readString(args.orElseThrow());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String toString() {
        return suite + "/" + name;
    }
}
