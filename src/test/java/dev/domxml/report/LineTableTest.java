package dev.domxml.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.domxml.report.LineTable.LineEnds;
import org.junit.jupiter.api.Test;

class LineTableTest {
    private static final String TEXT = "ab\ncd\r\nef\rgh";

    @Test
    void xmlEndsALineAtNewlineCarriageReturnNewlineAndALoneCarriageReturn() {
        LineTable lines = LineTable.of(TEXT, LineEnds.XML);

        assertThat(lines.position("f", TEXT.indexOf('a'))).isEqualTo(new SourcePosition("f", 1, 1));
        assertThat(lines.position("f", TEXT.indexOf('d'))).isEqualTo(new SourcePosition("f", 2, 2));
        assertThat(lines.position("f", TEXT.indexOf('e'))).isEqualTo(new SourcePosition("f", 3, 1));
        assertThat(lines.position("f", TEXT.indexOf('h'))).isEqualTo(new SourcePosition("f", 4, 2));
    }

    @Test
    void commandLinesEndALineAtNewlineOnly() {
        LineTable lines = LineTable.of(TEXT, LineEnds.NEWLINE);

        assertThat(lines.position("f", TEXT.indexOf('e'))).isEqualTo(new SourcePosition("f", 3, 1));
        assertThat(lines.position("f", TEXT.indexOf('h'))).isEqualTo(new SourcePosition("f", 3, 5));
    }

    @Test
    void theEndOfTheTextIsOnItsLastLine() {
        LineTable lines = LineTable.of("a\n", LineEnds.NEWLINE);

        assertThat(lines.position("f", 2)).isEqualTo(new SourcePosition("f", 2, 1));
        assertThat(LineTable.of("", LineEnds.XML).position("f", 0)).isEqualTo(new SourcePosition("f", 1, 1));
    }
}
