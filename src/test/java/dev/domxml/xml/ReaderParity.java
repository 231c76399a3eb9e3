package dev.domxml.xml;

import static org.assertj.core.api.Assertions.assertThat;

import dev.domxml.args.ArgsOptions;
import dev.domxml.args.ArgsStyle;
import dev.domxml.args.ArgsWriter;
import dev.domxml.binding.Extensible;
import dev.domxml.lint.Linter;
import dev.domxml.rules.DomainMapper;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.List;
import java.util.Optional;
import org.xmlunit.builder.DiffBuilder;
import org.xmlunit.diff.Diff;

/**
 * Asserts that the streaming reader (to-args, lint) and the DOM reader (fix) read a document alike:
 * the same refusal, the same typed objects at the same positions, the same command line and findings.
 */
public final class ReaderParity {
    private ReaderParity() {}

    public static void assertSameReading(byte[] content, String fileName) {
        Object streamed = readOrRefusal(Reading.STREAMED, content, fileName);
        Object editable = readOrRefusal(Reading.EDITABLE, content, fileName);
        if (editable instanceof String refusal) {
            assertThat(streamed).as("refusal of %s", fileName).isEqualTo(refusal);
            return;
        }
        assertThat(streamed).as("%s is read by both", fileName).isInstanceOf(DomainDocument.class);
        DomainDocument fast = (DomainDocument) streamed;
        DomainDocument dom = (DomainDocument) editable;
        // Identical but for the order of unknown attributes: a DOM sorts them by name, SAX keeps the user's.
        Diff typedViews = DiffBuilder.compare(DomainWriter.toXml(dom.domain()))
                .withTest(DomainWriter.toXml(fast.domain())).checkForIdentical().build();
        assertThat(typedViews.hasDifferences()).as("typed views of %s differ: %s", fileName, typedViews).isFalse();
        assertSamePositions(fast, fast.domain(), dom, dom.domain(), "domain");
        assertThat(fast.positionOfElement("iothreads")).isEqualTo(dom.positionOfElement("iothreads"));
        DomainMapper.Result fastMapping = DomainMapper.map(fast);
        DomainMapper.Result domMapping = DomainMapper.map(dom);
        assertThat(fastMapping.errors()).as("refusals of %s", fileName).isEqualTo(domMapping.errors());
        assertThat(fastMapping.model().map(ReaderParity::args)).isEqualTo(domMapping.model().map(ReaderParity::args));
        assertThat(Linter.lint(fast)).as("findings of %s", fileName).isEqualTo(Linter.lint(dom));
    }

    private static Object readOrRefusal(Reading reading, byte[] content, String fileName) {
        try {
            return reading.read(content, fileName);
        } catch (InputException e) {
            return e.oneLine();
        }
    }

    private static String args(dev.domxml.model.VirtualMachine model) {
        return ArgsWriter.forStyle(ArgsStyle.LIBVIRT).write(model, ArgsOptions.defaults()).toString();
    }

    /** Walks both typed views side by side: every bound object must be placed at the same line and column. */
    private static void assertSamePositions(DomainDocument fast, Object a, DomainDocument dom, Object b, String path) {
        assertThat(fast.positionOf(a)).as("position of %s", path).isEqualTo(dom.positionOf(b));
        for (Class<?> type = a.getClass(); type != Extensible.class && type != Object.class; type = type.getSuperclass()) {
            for (Field field : type.getDeclaredFields()) {
                if (Modifier.isStatic(field.getModifiers())) {
                    continue;
                }
                Object x = get(field, a);
                Object y = get(field, b);
                if (x instanceof Extensible) {
                    assertSamePositions(fast, x, dom, y, path + "/" + field.getName());
                } else if (x instanceof List<?> xs && y instanceof List<?> ys) {
                    assertThat(xs).as("%s/%s", path, field.getName()).hasSameSizeAs(ys);
                    for (int i = 0; i < xs.size(); i++) {
                        if (xs.get(i) instanceof Extensible) {
                            assertSamePositions(fast, xs.get(i), dom, ys.get(i), path + "/" + field.getName() + "[" + i + "]");
                        }
                    }
                }
            }
        }
    }

    private static Object get(Field field, Object bean) {
        try {
            return field.get(bean);
        } catch (IllegalAccessException e) {
            return Optional.empty(); // binding fields are public; anything else is not part of the reading
        }
    }
}
