package dev.domxml.hostile;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.domxml.args.ArgsOptions;
import dev.domxml.args.ArgsStyle;
import dev.domxml.args.ArgsWriter;
import dev.domxml.fix.DomainFixer;
import dev.domxml.fix.FixOptions;
import dev.domxml.lint.Linter;
import dev.domxml.lint.SchemaValidator;
import dev.domxml.rules.DomainMapper;
import dev.domxml.xml.EditableDocument;
import dev.domxml.xml.DomainReader;
import dev.domxml.xml.InputException;
import dev.domxml.xml.ReaderParity;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;

/**
 * Fuzz targets (Jazzer). In a plain {@code mvn verify} they run once over their seed inputs
 * (src/test/resources/dev/domxml/hostile/XmlInputFuzzTestInputs); with {@code JAZZER_FUZZ=1} (as
 * .ci/run does, for a bounded time) Jazzer mutates inputs looking for any exception other than the
 * documented {@link InputException} and {@link DomainFixer.NotFixable}.
 */
class XmlInputFuzzTest {
    private static final Linter LINTER = new Linter(Optional.of(bundledSchema()));

    private static SchemaValidator bundledSchema() {
        try {
            return SchemaValidator.bundled();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @FuzzTest(maxDuration = "60s")
    void readMapAndWriteNeverThrowUnexpectedly(byte[] input) {
        ReaderParity.assertSameReading(input, "fuzz.xml");
        EditableDocument document;
        try {
            document = DomainReader.readEditable(input, "fuzz.xml");
        } catch (InputException expected) {
            return;
        }
        DomainMapper.Result result = DomainMapper.map(document);
        result.model().ifPresent(model -> {
            ArgsWriter.forStyle(ArgsStyle.LIBVIRT).write(model, ArgsOptions.defaults());
            ArgsWriter.forStyle(ArgsStyle.LEGACY).write(model, ArgsOptions.defaults());
        });
        try {
            DomainFixer.fix(document, FixOptions.perDisk());
        } catch (DomainFixer.NotFixable expected) {
            // refused domains are not fixed
        }
    }

    @FuzzTest(maxDuration = "60s")
    void lintNeverThrows(byte[] input) {
        LINTER.lint(input, "fuzz.xml");
    }
}
