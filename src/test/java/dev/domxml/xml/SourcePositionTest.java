package dev.domxml.xml;

import static org.assertj.core.api.Assertions.assertThat;

import dev.domxml.binding.Domain;
import dev.domxml.lint.Linter;
import dev.domxml.report.Diagnostic;
import dev.domxml.report.SourcePosition;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Findings point at the start tag of the element they are about, line and column, however it is laid out. */
class SourcePositionTest {
    private static final String LAYOUT = String.join("\n",
            "<domain type='qemu'>",
            "<name>pos</name><memory unit='MiB'>256</memory>",
            "  <os><type arch='x86_64' machine='pc'>hvm</type></os>",
            "  <devices>",
            "        <!-- a comment with <disk in it -->",
            "   <disk type='file' device='disk'><driver name='qemu' type='raw' cache='unsafe'/>",
            "<source file='/a.raw'/><target dev='vda' bus='virtio'/></disk>      <disk",
            "      type='file'",
            "      device='disk'>",
            "      <driver name='qemu' type='raw' io='native'/>",
            "      <source file='/b.raw'/><target dev='vdb' bus='virtio'/>",
            "    </disk>",
            "  </devices>",
            "</domain>");

    @ParameterizedTest
    @EnumSource(Reading.class)
    void elementsKnowWhereTheirStartTagIs(Reading reading) throws Exception {
        DomainDocument document = reading.read(LAYOUT.getBytes(StandardCharsets.UTF_8), "layout.xml");
        Domain domain = document.domain();

        assertThat(document.positionOf(domain)).contains(new SourcePosition("layout.xml", 1, 1));
        assertThat(document.positionOf(domain.memory)).contains(new SourcePosition("layout.xml", 2, 17));
        assertThat(document.positionOf(domain.devices.disks.get(0))).contains(new SourcePosition("layout.xml", 6, 4));
        assertThat(document.positionOf(domain.devices.disks.get(1))).contains(new SourcePosition("layout.xml", 7, 69));
        assertThat(document.positionOf(domain.devices.disks.get(1).driver)).contains(new SourcePosition("layout.xml", 10, 7));
    }

    @ParameterizedTest(name = "line end #{index}")
    @ValueSource(strings = {"\r\n", "\r"})
    void windowsAndOldMacLineEndsCountLinesAsXmlDoes(String lineEnd) throws Exception {
        String text = LAYOUT.replace("\n", lineEnd);
        EditableDocument document = DomainReader.readEditable(text.getBytes(StandardCharsets.UTF_8), "layout.xml");
        Domain domain = document.domain();
        DomainDocument streamed = DomainReader.read(text.getBytes(StandardCharsets.UTF_8), "layout.xml");

        assertThat(document.positionOf(domain.devices.disks.get(1).driver)).contains(new SourcePosition("layout.xml", 10, 7));
        assertThat(streamed.positionOf(streamed.domain().devices.disks.get(1).driver))
                .contains(new SourcePosition("layout.xml", 10, 7));
        // The span addresses the user's text, which fix edits: it must start at this element's own tag.
        assertThat(text.substring(document.nodeOf(domain.devices.disks.get(1).driver).flatMap(LocatedDomParser::spanOf)
                .orElseThrow().start())).startsWith("<driver");
    }

    @Test
    void spansCoverTheTagsAsWrittenWhateverTheLocatorSays() throws Exception {
        String text = "<domain type='qemu'>\r  <name>a</name>\n  <devices><disk type='file'\r device='disk'"
                + " note='a>b'><target\r\n dev='vda'/></disk></devices>\n</domain>";
        EditableDocument document = DomainReader.readEditable(text.getBytes(StandardCharsets.UTF_8), "spans.xml");
        var disk = document.domain().devices.disks.get(0);

        ElementSpan diskSpan = document.nodeOf(disk).flatMap(LocatedDomParser::spanOf).orElseThrow();
        ElementSpan targetSpan = document.nodeOf(disk.target).flatMap(LocatedDomParser::spanOf).orElseThrow();

        assertThat(text.substring(diskSpan.start(), diskSpan.startTagEnd())).isEqualTo(
                "<disk type='file'\r device='disk' note='a>b'>");
        assertThat(text.substring(diskSpan.start(), diskSpan.end())).endsWith("</disk>");
        assertThat(text.substring(targetSpan.start(), targetSpan.end())).isEqualTo("<target\r\n dev='vda'/>");
    }

    @ParameterizedTest
    @EnumSource(Reading.class)
    void findingsCarryTheElementsLineAndColumn(Reading reading) throws Exception {
        DomainDocument document = reading.read(LAYOUT.getBytes(StandardCharsets.UTF_8), "layout.xml");

        List<Diagnostic> findings = Linter.lint(document);

        assertThat(findings).extracting(d -> d.ruleId() + "@" + d.position().orElseThrow())
                .containsExactlyInAnyOrder("io-native-cache@layout.xml:7:69", "cache-unsafe@layout.xml:6:4");
    }

    @Test
    void syntaxErrorsCarryTheParsersPosition() {
        byte[] broken = "<domain type='qemu'>\n  <name>x</nam>\n</domain>".getBytes(StandardCharsets.UTF_8);

        InputException e = org.junit.jupiter.api.Assertions.assertThrows(InputException.class,
                () -> DomainReader.read(broken, "broken.xml"));

        assertThat(e.position().line()).isEqualTo(2);
        assertThat(e.oneLine()).startsWith("broken.xml:2:").contains("error:");
    }
}
