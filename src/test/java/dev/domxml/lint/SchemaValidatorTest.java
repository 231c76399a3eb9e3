package dev.domxml.lint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.domxml.report.Diagnostic;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SchemaValidatorTest {
    private static final String GOOD = "src/test/resources/rules/virtio-blk-iothreads-good.xml";

    @Test
    void bundledSchemaAcceptsUnknownContentButNotBadValues() throws Exception {
        SchemaValidator schema = SchemaValidator.bundled();
        String good = Files.readString(Path.of(GOOD));

        assertThat(schema.validate(bytes(good), "good.xml")).isEmpty();
        assertThat(schema.validate(bytes(good.replace("<vcpu>", "<vendor-extension x='1'/><vcpu>")
                .replace("<disk type='file' device='disk'>", "<disk type='file' device='disk' future='1'>")), "open.xml"))
                .isEmpty();

        List<Diagnostic> bad = schema.validate(bytes(good.replace("cache='directsync'", "cache='sometimes'")), "bad.xml");
        assertThat(bad).singleElement().satisfies(d -> {
            assertThat(d.ruleId()).isEqualTo("schema");
            assertThat(d.position().orElseThrow().line()).isEqualTo(11);
        });
        assertThat(schema.validate(bytes(good.replace("<name>", "<name/><name>")), "twice.xml")).isNotEmpty();
    }

    @Test
    void aReusedValidatorJudgesEachDocumentAsAFreshOneWould() throws Exception {
        String good = Files.readString(Path.of(GOOD));
        List<byte[]> documents = List.of(bytes(good.replace("cache='directsync'", "cache='sometimes'")), bytes(good),
                bytes("<domain type='qemu'><name>cut"), bytes(good), bytes(good.replace("<name>", "<name/><name>")));
        SchemaValidator reused = SchemaValidator.bundled();

        for (byte[] document : documents) {
            assertThat(reused.validate(document, "doc.xml"))
                    .isEqualTo(SchemaValidator.bundled().validate(document, "doc.xml"));
        }
    }

    @Test
    void libvirtSchemaIsUsedWhenInstalled() throws Exception {
        assertThat(SchemaValidator.load(Optional.empty()).description()).contains("/usr/share/libvirt/schemas/domain.rng");
        assertThat(SchemaValidator.load(Optional.of(Path.of("schemas"))).description()).contains("domxml-domain.rng");
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
