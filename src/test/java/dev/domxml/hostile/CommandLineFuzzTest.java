package dev.domxml.hostile;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.domxml.args.ArgsOptions;
import dev.domxml.args.ArgsStyle;
import dev.domxml.args.ArgsWriter;
import dev.domxml.fromargs.FromArgs;
import dev.domxml.qemu.ArgsLint;
import dev.domxml.rules.DomainMapper;
import dev.domxml.xml.DomainReader;
import dev.domxml.xml.InputException;
import java.nio.charset.StandardCharsets;

/**
 * Fuzz target (Jazzer) for command lines. In a plain {@code mvn verify} it runs once over its seed
 * inputs (src/test/resources/dev/domxml/hostile/CommandLineFuzzTestInputs); with {@code JAZZER_FUZZ=1}
 * (as .ci/run does, for a bounded time) Jazzer mutates them looking for any exception other than the
 * documented {@link InputException}, through everything {@code from-args} and {@code lint} do with a
 * line: lexer, reader, domain XML; and what domxml then does with that XML (read, map, both writers).
 */
class CommandLineFuzzTest {

    @FuzzTest(maxDuration = "60s")
    void fromArgsAndLintNeverThrowUnexpectedly(byte[] input) {
        String line = new String(input, StandardCharsets.UTF_8);
        FromArgs.Result converted;
        try {
            converted = FromArgs.convert(line, "fuzz.args");
        } catch (InputException refused) {
            lintRefusesToo(line, refused);
            return;
        }
        try {
            ArgsLint.lint(line, "fuzz.args");
        } catch (InputException e) {
            throw new AssertionError("lint refused a line from-args converted: " + e.oneLine(), e);
        }
        DomainMapper.Result mapped;
        try {
            mapped = DomainMapper.map(DomainReader.read(converted.xml().getBytes(StandardCharsets.UTF_8), "fuzz.xml"));
        } catch (InputException e) {
            throw new AssertionError("from-args wrote XML domxml cannot read: " + e.oneLine(), e);
        }
        mapped.model().ifPresent(model -> {
            ArgsWriter.forStyle(ArgsStyle.LIBVIRT).write(model, ArgsOptions.defaults());
            ArgsWriter.forStyle(ArgsStyle.LEGACY).write(model, ArgsOptions.defaults());
        });
    }

    /** from-args and lint read a line alike: what one refuses, the other refuses with the same words. */
    private static void lintRefusesToo(String line, InputException refused) {
        try {
            ArgsLint.lint(line, "fuzz.args");
        } catch (InputException e) {
            if (!e.oneLine().equals(refused.oneLine())) {
                throw new AssertionError("from-args and lint refuse differently: " + refused.oneLine() + " / " + e.oneLine());
            }
            return;
        }
        throw new AssertionError("lint read a line from-args refused: " + refused.oneLine());
    }
}
