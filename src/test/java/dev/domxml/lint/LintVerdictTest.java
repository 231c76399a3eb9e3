package dev.domxml.lint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.domxml.report.Diagnostic;
import dev.domxml.report.Severity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * lint's verdict is libvirt's: on every corpus case libvirt refused (NAME.err) lint reports an error,
 * on every case libvirt accepted (NAME.args) it reports none, with libvirt's installed schema and
 * with domxml's own.
 */
class LintVerdictTest {
    private static Linter withLibvirtSchema;
    private static Linter withBundledSchema;
    /** Cases that libvirt accepts although virt-xml-validate does not (an element written twice). */
    private static final Path SCHEMA_INVALID = Paths.get("src/test/resources/corpus/oracle-duplicates");

    @BeforeAll
    static void loadSchemas() throws IOException {
        assertThat(SchemaValidator.LIBVIRT_SCHEMA_DIR.resolve("domain.rng"))
                .as("libvirt's schema; install it with src/test/oracle/setup-libvirt.sh").exists();
        withLibvirtSchema = new Linter(Optional.of(SchemaValidator.load(Optional.of(SchemaValidator.LIBVIRT_SCHEMA_DIR))));
        withBundledSchema = new Linter(Optional.of(SchemaValidator.bundled()));
    }

    static Stream<Path> corpusDomains() throws IOException {
        try (Stream<Path> files = Files.walk(Paths.get("src/test/resources/corpus"))) {
            return files.filter(p -> p.toString().endsWith(".xml")).sorted().toList().stream();
        }
    }

    @ParameterizedTest
    @MethodSource("corpusDomains")
    void errorsExactlyWhereLibvirtRefuses(Path xml) throws IOException {
        boolean refused = Files.exists(Paths.get(xml.toString().replaceFirst("\\.xml$", ".err")));
        byte[] content = Files.readAllBytes(xml);

        for (Linter linter : List.of(withLibvirtSchema, withBundledSchema)) {
            List<Diagnostic> errors = linter.lint(content, xml.toString()).findings().stream()
                    .filter(d -> d.severity() == Severity.ERROR).toList();
            if (refused) {
                // The refusal itself, not only the schema (which libvirt's domxml-to-native does not apply).
                assertThat(errors).as("libvirt refused %s", xml)
                        .anySatisfy(d -> assertThat(d.ruleId()).isNotEqualTo(SchemaValidator.RULE_ID));
                assertThat(errors.get(0).position()).isPresent();
            } else if (xml.startsWith(SCHEMA_INVALID)) {
                // libvirt parses these without --validate; only its schema (and so ours) objects.
                assertThat(errors).as("libvirt accepted %s", xml).isNotEmpty()
                        .allSatisfy(d -> assertThat(d.ruleId()).isEqualTo(SchemaValidator.RULE_ID));
            } else {
                assertThat(errors).as("libvirt accepted %s", xml).isEmpty();
            }
        }
    }
}
