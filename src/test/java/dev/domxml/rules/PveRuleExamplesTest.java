package dev.domxml.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.domxml.pve.PveConfigReader;
import dev.domxml.pve.PveLint;
import dev.domxml.pve.PveStorage;
import dev.domxml.report.Diagnostic;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Proxmox VE config rules as examples, like {@link RuleExamplesTest}: each fixture under
 * src/test/resources/rules/pve is a small VMID.conf whose expected findings are written as
 * {@code # expect: RULE} on the line before the offending one (Proxmox reads # lines as the description).
 * Only the pve-* rules are compared: the model advice has fixtures of its own. All use that folder's
 * storage.cfg.
 */
class PveRuleExamplesTest {
    private static final Path FIXTURES = Path.of("src/test/resources/rules/pve");
    private static final Pattern EXPECT = Pattern.compile("#\\s*expect:\\s*([a-z0-9-]+)");

    static Stream<Path> fixtures() throws IOException {
        try (Stream<Path> files = Files.list(FIXTURES)) {
            return files.filter(p -> p.toString().endsWith(".conf")).sorted().toList().stream();
        }
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void findingsAreExactlyTheExpectedOnes(Path fixture) throws Exception {
        PveStorage storage = PveStorage.of(List.of(), Optional.of(PveStorage.parseStorageCfg(
                Files.readString(FIXTURES.resolve("storage.cfg")), "storage.cfg")));
        List<String> actual = new ArrayList<>();
        for (Diagnostic d : PveLint.lint(PveConfigReader.read(Files.readString(fixture), fixture.toString()), storage)) {
            if (d.ruleId().startsWith("pve-") && !d.ruleId().equals("pve-input")) {
                actual.add(d.ruleId() + "@" + d.position().map(p -> p.line()).orElse(0));
            }
        }

        assertThat(actual).as("findings of %s: %s", fixture, actual).containsExactlyInAnyOrderElementsOf(expected(fixture));
        if (fixture.toString().endsWith("-bad.conf")) {
            assertThat(actual).isNotEmpty();
        }
    }

    @Test
    void everyProxmoxRuleHasABadAndAGoodExample() {
        for (PveRule rule : RuleCatalog.pveConfig()) {
            assertThat(FIXTURES.resolve(rule.info().id() + "-bad.conf")).exists();
            assertThat(FIXTURES.resolve(rule.info().id() + "-good.conf")).exists();
        }
    }

    private static List<String> expected(Path fixture) throws IOException {
        List<String> lines = Files.readAllLines(fixture);
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            Matcher m = EXPECT.matcher(lines.get(i));
            if (m.find()) {
                expected.add(m.group(1) + "@" + (i + 2));
            }
        }
        return expected;
    }
}
