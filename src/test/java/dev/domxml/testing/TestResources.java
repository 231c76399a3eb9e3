package dev.domxml.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.stream.Stream;

/** Files the tests carry under src/test/resources. */
public final class TestResources {
    private TestResources() {}

    /** Every file that could be read as domain XML: domains, broken ones, the XML fuzz findings. */
    public static Stream<Path> everyXmlFile() throws IOException {
        try (Stream<Path> files = Files.walk(Paths.get("src/test/resources"))) {
            return files.filter(Files::isRegularFile)
                    .filter(p -> p.toString().endsWith(".xml") || p.toString().contains("XmlInputFuzzTestInputs"))
                    .sorted().toList().stream();
        }
    }
}
