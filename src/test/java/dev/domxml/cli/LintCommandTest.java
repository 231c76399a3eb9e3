package dev.domxml.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LintCommandTest {
    private static final String SHARED = "src/test/resources/corpus/libvirt-9.0/";
    private static final String RULES = "src/test/resources/rules/";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void seedVm701GetsTheSharedControllerWarningNamingItsThreeDisks() {
        CliRunner run = CliRunner.run("lint", SHARED + "seed-vm701-no-iothread.xml");

        assertThat(run.status()).as("warnings alone do not fail by default").isZero();
        assertThat(run.out()).contains(SHARED + "seed-vm701-no-iothread.xml:12:5: warning: disks sda, sdb, sdc share"
                + " virtio-scsi controller scsi0").contains("[scsi-shared-controller-iothread]");
    }

    @Test
    void perDiskControllersGetNoIothreadWarning() {
        CliRunner run = CliRunner.run("lint", SHARED + "scsi-per-disk-controllers.xml");

        assertThat(run.out()).doesNotContain("iothread");
        assertThat(run.status()).isZero();
    }

    @Test
    void failOnWarningTurnsWarningsIntoExitOne() {
        assertThat(CliRunner.run("lint", "--fail-on=warning", SHARED + "seed-vm701-no-iothread.xml").status()).isEqualTo(1);
        assertThat(CliRunner.run("lint", "--fail-on=warning", RULES + "no-storage-good.xml").status()).isZero();
    }

    @Test
    void refusedDomainIsAnErrorAtTheElement() {
        CliRunner run = CliRunner.run("lint", RULES + "duplicate-target-bad.xml");

        assertThat(run.status()).isEqualTo(1);
        assertThat(run.out()).startsWith(RULES + "duplicate-target-bad.xml:14:5: error: target 'vda'");
    }

    @Test
    void unreadableFileIsReportedAndTheRunGoesOn(@TempDir Path dir) throws Exception {
        Path broken = dir.resolve("broken.xml");
        Files.writeString(broken, "<domain>\n  <name>\n</domain>");

        CliRunner run = CliRunner.run("lint", broken.toString(), SHARED + "seed-vm701-no-iothread.xml");

        assertThat(run.status()).isEqualTo(2);
        assertThat(run.out()).contains(broken + ":3:3: error: ").contains("[parse]")
                .contains("[scsi-shared-controller-iothread]");
    }

    @Test
    void directoriesAreWalkedForXmlFiles() {
        CliRunner run = CliRunner.run("lint", "--format=json", "--no-schema", SHARED);

        assertThat(run.out()).contains("\"files\" : 15");
    }

    @Test
    void jsonListsFindingsWithPositions() throws Exception {
        CliRunner run = CliRunner.run("lint", "--format=json", RULES + "scsi-emulated-controller-bad.xml");

        JsonNode report = JSON.readTree(run.out());
        assertThat(report.get("files").asInt()).isEqualTo(1);
        JsonNode finding = report.get("findings").get(0);
        assertThat(finding.get("rule").asText()).isEqualTo("scsi-emulated-controller");
        assertThat(finding.get("severity").asText()).isEqualTo("warning");
        assertThat(finding.get("line").asInt()).isEqualTo(10);
        assertThat(finding.get("column").asInt()).isEqualTo(5);
        assertThat(finding.get("fix").asBoolean()).isTrue();
    }

    @Test
    void sarifOutputIsValidSarif210WithTheRuleCatalogue() throws Exception {
        CliRunner run = CliRunner.run("lint", "--format=sarif", SHARED, RULES);

        JsonNode sarif = JSON.readTree(run.out());
        JsonSchema schema;
        try (InputStream in = Files.newInputStream(SarifSchema.path())) {
            schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(in);
        }
        Set<ValidationMessage> errors = schema.validate(sarif);
        assertThat(errors).isEmpty();
        JsonNode driver = sarif.at("/runs/0/tool/driver");
        assertThat(driver.get("rules").size()).isEqualTo(dev.domxml.rules.RuleCatalog.all().size());
        assertThat(sarif.at("/runs/0/results").size()).isGreaterThan(20);
        assertThat(sarif.at("/runs/0/results/0/locations/0/physicalLocation/region/startLine").asInt()).isPositive();
    }

    @Test
    void schemaViolationsCarryLineAndColumn(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("bad-cache.xml");
        Files.writeString(file, Files.readString(Path.of(RULES + "cache-unsafe-bad.xml")).replace("unsafe", "sometimes"));

        CliRunner run = CliRunner.run("lint", file.toString());

        assertThat(run.status()).isEqualTo(1);
        assertThat(run.out()).containsPattern(file + ":11:\\d+: error: schema: .*\\[schema\\]");
    }

    @Test
    void explainPrintsTheRule() {
        CliRunner run = CliRunner.run("lint", "--explain", "iothread-unsupported-bus");

        assertThat(run.out()).contains("iothread-unsupported-bus (error, fixable by domxml fix)", "Bad:", "Good:");
        assertThat(CliRunner.run("lint", "--explain", "no-such-rule").status()).isEqualTo(2);
    }

    @Test
    void rulesListsTheCatalogue() {
        CliRunner run = CliRunner.run("rules");

        assertThat(run.out()).contains("scsi-shared-controller-iothread", "io-native-cache", "warning", "error");
    }
}
