package dev.domxml.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.domxml.lint.Linter;
import dev.domxml.report.Diagnostic;
import dev.domxml.xml.DomainReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
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
 * Rule tests as examples, in the manner of Error Prone's: each fixture under src/test/resources/rules
 * is a small domain whose expected findings are written beside the offending element as
 * {@code <!-- expect: RULE -->} on the line before it. Findings must match exactly, rule and line;
 * fixtures named *-good.xml expect none. They are checked for a host without KVM and with one NUMA node,
 * so that the host-dependent rules fire and no finding depends on the machine the tests run on.
 */
class RuleExamplesTest {
    private static final Path FIXTURES = Paths.get("src/test/resources/rules");
    /** An old CPU: the features of the qemu64 model and little else (no monitor, no AVX). */
    private static final HostCapabilities SMALL_HOST = new HostCapabilities(false, Optional.of(List.of(0)), true,
            HostCpu.of(java.util.Set.of("fpu", "de", "pse", "tsc", "msr", "pae", "mce", "cx8", "apic", "sep", "mtrr",
                    "pge", "mca", "cmov", "pat", "pse36", "clflush", "mmx", "fxsr", "sse", "sse2", "pni", "cx16",
                    "syscall", "nx", "lm", "lahf_lm", "svm", "abm", "sse4a")),
            HostTsc.of(new HostTsc.Info(2_000_000_000L, false)));
    private static final Pattern EXPECT = Pattern.compile("<!--\\s*expect:\\s*([a-z0-9-]+)\\s*-->");

    static Stream<Path> fixtures() throws IOException {
        try (Stream<Path> files = Files.list(FIXTURES)) {
            return files.filter(p -> p.toString().endsWith(".xml")).sorted().toList().stream();
        }
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void findingsAreExactlyTheExpectedOnes(Path fixture) throws Exception {
        List<String> expected = expectations(fixture);

        List<String> actual = new ArrayList<>();
        for (Diagnostic d : Linter.lint(DomainReader.read(fixture), SMALL_HOST)) {
            actual.add(d.ruleId() + "@" + d.position().map(p -> p.line()).orElse(0));
        }

        assertThat(actual).as("findings of %s: %s", fixture, actual).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void everyRuleHasAnExampleThatTriggersIt() {
        for (Rule rule : RuleCatalog.all()) {
            // Proxmox VE config rules have config examples (PveRuleExamplesTest)
            String example = rule instanceof PveRule ? "pve/" + rule.info().id() + "-bad.conf" : rule.info().id() + "-bad.xml";
            assertThat(FIXTURES.resolve(example)).as("example for %s", rule.info().id()).exists();
        }
    }

    @Test
    void everyRuleIsDocumented() {
        for (Rule rule : RuleCatalog.all()) {
            RuleInfo info = rule.info();
            assertThat(info.id()).matches("[a-z0-9]+(-[a-z0-9]+)*");
            assertThat(List.of(info.title(), info.rationale(), info.badExample(), info.goodExample()))
                    .as("documentation of %s", info.id()).allSatisfy(text -> assertThat(text).isNotBlank());
        }
        assertThat(RuleCatalog.all().stream().map(r -> r.info().id())).doesNotHaveDuplicates();
    }

    /** Each {@code <!-- expect: RULE -->} points at the line that follows it. */
    private static List<String> expectations(Path fixture) throws IOException {
        List<String> lines = Files.readAllLines(fixture);
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            Matcher m = EXPECT.matcher(lines.get(i));
            while (m.find()) {
                expected.add(m.group(1) + "@" + (i + 2));
            }
        }
        return expected;
    }
}
