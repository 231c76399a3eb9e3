package dev.domxml.cli;

import dev.domxml.report.SourcePosition;
import dev.domxml.xml.InputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Expands the inputs users give: files as they are, directories into their {@code *.xml} files. */
final class InputFiles {
    private InputFiles() {}

    static List<Path> expand(List<Path> inputs) throws InputException {
        List<Path> files = new ArrayList<>();
        for (Path input : inputs) {
            if (Files.isDirectory(input)) {
                try (Stream<Path> walk = Files.walk(input)) {
                    walk.filter(p -> p.getFileName().toString().endsWith(".xml") && Files.isRegularFile(p))
                            .sorted().forEach(files::add);
                } catch (IOException e) {
                    throw new InputException(SourcePosition.ofFile(input.toString()), "cannot list directory: " + e.getMessage());
                }
            } else {
                files.add(input);
            }
        }
        return files;
    }
}
