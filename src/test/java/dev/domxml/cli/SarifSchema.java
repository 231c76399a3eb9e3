package dev.domxml.cli;

import dev.domxml.testing.ExternalProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;

/**
 * The official SARIF 2.1.0 JSON schema. It is not copied into this repository: it is taken from the
 * npm package {@code @microsoft/jest-sarif} (which ships it) into target/ the first time a test needs it.
 */
final class SarifSchema {
    private static final Path DIR = Paths.get("target/sarif-schema");
    private static final Path SCHEMA = DIR.resolve("package/lib/schemas/sarif-2.1.0-rtm.5.json");

    private SarifSchema() {}

    static synchronized Path path() throws IOException, InterruptedException {
        if (Files.exists(SCHEMA)) {
            return SCHEMA;
        }
        Files.createDirectories(DIR);
        run("npm", "pack", "--silent", "@microsoft/jest-sarif@1.0.0-beta.0");
        run("sh", "-c", "tar xzf microsoft-jest-sarif-1.0.0-beta.0.tgz");
        if (!Files.exists(SCHEMA)) {
            throw new IOException("SARIF schema not found after npm pack: " + SCHEMA);
        }
        return SCHEMA;
    }

    private static void run(String... command) throws IOException {
        ExternalProcess.Result result = ExternalProcess.run(Duration.ofMinutes(5), DIR, List.of(command));
        if (!result.ok()) {
            throw new IOException(String.join(" ", command) + " failed (npm and the npm registry are needed to"
                    + " fetch the SARIF schema): " + result.out() + result.err());
        }
    }
}
