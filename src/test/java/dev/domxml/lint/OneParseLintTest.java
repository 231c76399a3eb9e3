package dev.domxml.lint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.domxml.report.Diagnostic;
import dev.domxml.testing.TestResources;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * lint validates a document against the schema in the same parse that reads it; what the schema
 * says must be exactly what a parse of its own would have said.
 */
class OneParseLintTest {
    private static SchemaValidator schema;
    private static Linter linter;

    @BeforeAll
    static void compileTheSchema() throws IOException {
        schema = SchemaValidator.bundled();
        linter = new Linter(Optional.of(schema));
    }

    static Stream<Path> everyXmlTheTestsCarry() throws IOException {
        return TestResources.everyXmlFile();
    }

    @ParameterizedTest
    @MethodSource("everyXmlTheTestsCarry")
    void schemaFindingsAreThoseOfASeparateValidation(Path file) throws IOException {
        assertSameSchemaFindings(Files.readAllBytes(file), file.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "<domain type='qemu'><name>a</name><name>b</name><memory>x</memory></domain>",
        "<domain type='qemu' xmlns:q='http://libvirt.org/schemas/domain/qemu/1.0'><name>a</name>"
                + "<q:commandline><q:arg value='-S'/></q:commandline><?pi data?></domain>",
        "<domain type='bogus'><devices><disk type='file' device='floppy-disk'/></devices></domain>",
    })
    void awkwardDocumentsGetTheSameSchemaFindings(String text) {
        assertSameSchemaFindings(text.getBytes(StandardCharsets.UTF_8), "awkward.xml");
    }

    private static void assertSameSchemaFindings(byte[] content, String fileName) {
        Linter.Report report = linter.lint(content, fileName);
        if (report.unreadable()) {
            return; // a parse error is the one finding, schema or not
        }
        List<Diagnostic> inLint = report.findings().stream()
                .filter(d -> d.ruleId().equals(SchemaValidator.RULE_ID)).toList();
        assertThat(inLint).as("schema findings of %s", fileName).isEqualTo(schema.validate(content, fileName));
    }
}
