package dev.domxml.qemu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.domxml.xml.InputException;
import java.util.List;
import org.junit.jupiter.api.Test;

class ArgvLexerTest {

    private static ArgvLexer.Lexed lex(String text) throws InputException {
        return ArgvLexer.lex(new SourceText("line.args", text));
    }

    private static List<String> words(String text) throws InputException {
        return lex(text).words().stream().map(Word::text).toList();
    }

    @Test
    void wordsAreSplitAsAShellSplitsThem() throws Exception {
        assertThat(words("qemu -device 'scsi-hd,serial=a b' -name \"guest=x\\\"y\" -drive file=a\\ b.img"))
                .containsExactly("qemu", "-device", "scsi-hd,serial=a b", "-name", "guest=x\"y", "-drive", "file=a b.img");
    }

    @Test
    void backslashNewlineContinuesTheLine() throws Exception {
        assertThat(words("qemu \\\n  -m 512 \\\r\n  -smp 2")).containsExactly("qemu", "-m", "512", "-smp", "2");
    }

    @Test
    void commentsAreSkipped() throws Exception {
        assertThat(words("# a guest\nqemu -m 512 # memory\n-smp 2")).containsExactly("qemu", "-m", "512", "-smp", "2");
    }

    @Test
    void everyWordKnowsItsLineAndColumn() throws Exception {
        List<Word> words = lex("qemu \\\n  -device 'virtio-scsi-pci,id=scsi0'").words();

        assertThat(words.get(1).position()).hasToString("line.args:2:3");
        assertThat(words.get(2).position()).hasToString("line.args:2:11");
        assertThat(words.get(2).positionAt(21)).as("the 's' of scsi0").hasToString("line.args:2:33");
    }

    @Test
    void aLineStartingInTheMiddleOfAValueIsJoinedToTheLineBefore() throws Exception {
        ArgvLexer.Lexed lexed = lex("""
                -drive file=/dev/zvol/a,if=none,id=drive-
                scsi0,cache=none
                -device scsi-hd,drive=drive-
                scsi0,id=scsi0
                """);

        assertThat(lexed.words().stream().map(Word::text)).containsExactly(
                "-drive", "file=/dev/zvol/a,if=none,id=drive-scsi0,cache=none", "-device", "scsi-hd,drive=drive-scsi0,id=scsi0");
        assertThat(lexed.warnings()).singleElement().satisfies(w -> {
            assertThat(w.format("line.args")).isEqualTo("line.args:2:1: warning: lines 2, 4 start in the middle of an option"
                    + " value (a command line pasted with its line wraps?): joined each to the line before [args-pasted-wrap]");
        });
    }

    @Test
    void aLineStartingWithAnOptionOrAfterAnOptionNameIsNotJoined() throws Exception {
        ArgvLexer.Lexed lexed = lex("-device\nvirtio-scsi-pci,id=scsi0\n-m 512\n");

        assertThat(lexed.words().stream().map(Word::text)).containsExactly("-device", "virtio-scsi-pci,id=scsi0", "-m", "512");
        assertThat(lexed.warnings()).isEmpty();
    }

    @Test
    void aNewlineInsideQuotesIsAWrapToo() throws Exception {
        ArgvLexer.Lexed lexed = lex("-blockdev '{\"driver\":\"file\",\"filename\":\"/var/tmp/a\n.raw\"}'");

        assertThat(lexed.words().get(1).text()).isEqualTo("{\"driver\":\"file\",\"filename\":\"/var/tmp/a.raw\"}");
        assertThat(lexed.warnings()).hasSize(1);
    }

    @Test
    void anUnbalancedQuoteIsAnErrorNamingTheOption() {
        assertThatThrownBy(() -> lex("qemu -m 512 \\\n  -device 'scsi-hd,drive=d0 -smp 2"))
                .isInstanceOf(InputException.class)
                .satisfies(e -> assertThat(((InputException) e).oneLine()).isEqualTo(
                        "line.args:2:11: error: unbalanced ' quote: it is never closed (in the value of -device)"));
    }
}
