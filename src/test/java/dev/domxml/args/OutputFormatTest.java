package dev.domxml.args;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OutputFormatTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "-machine|-machine",
        "pc-i440fx-7.2,usb=off,dump-guest-core=off|pc-i440fx-7.2,usb=off,dump-guest-core=off",
        "/var/lib/libvirt/qemu/domain-1-vm/master-key.aes|/var/lib/libvirt/qemu/domain-1-vm/master-key.aes",
        "a@b+c%d|a@b+c%d",
        "{\"driver\":\"file\"}|'{\"driver\":\"file\"}'",
        "two words|'two words'",
        "it's|'it'\\''s'",
        "$HOME|'$HOME'",
        "é|'é'",
    })
    void wordsAreQuotedOnlyWhenTheShellWouldReadThemOtherwise(String word, String printed) {
        assertThat(OutputFormat.shellQuote(word)).isEqualTo(printed);
    }

    @Test
    void anEmptyWordIsQuoted() {
        assertThat(OutputFormat.shellQuote("")).isEqualTo("''");
    }

    @Test
    void jsonIsTheArgvAsAnArray() {
        CommandLine line = new CommandLine("/usr/bin/qemu-system-x86_64",
                List.of(new CommandLine.Option("-name", "guest=vm \"1\""), CommandLine.Option.flag("-S")));

        assertThat(OutputFormat.JSON.render(line))
                .isEqualTo("[\"/usr/bin/qemu-system-x86_64\",\"-name\",\"guest=vm \\\"1\\\"\",\"-S\"]");
    }
}
