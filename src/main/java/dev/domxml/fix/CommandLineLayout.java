package dev.domxml.fix;

import dev.domxml.args.OutputFormat;
import java.util.List;

/**
 * How a command line was laid out, so a fixed one reads like its original: all on one line, one option
 * per line with shell continuations ({@code \}), or one option per line without them (as Proxmox VE's
 * {@code qm showcmd --pretty} prints, and as such lines get pasted).
 */
enum CommandLineLayout {
    ONE_LINE, CONTINUED, OPTION_PER_LINE;

    static CommandLineLayout of(String text) {
        String body = text.strip();
        if (!body.contains("\n")) {
            return ONE_LINE;
        }
        return body.contains("\\\n") || body.contains("\\\r\n") ? CONTINUED : OPTION_PER_LINE;
    }

    /** The prefix words (environment, binary) then each option with its value, shell-quoted where needed. */
    String render(List<String> prefix, List<String[]> options) {
        StringBuilder out = new StringBuilder();
        prefix.forEach(word -> append(out, OutputFormat.shellQuote(word), " "));
        for (String[] option : options) {
            String text = option[1] == null ? option[0] : option[0] + " " + OutputFormat.shellQuote(option[1]);
            append(out, text, switch (this) {
                case ONE_LINE -> " ";
                case CONTINUED -> " \\\n  ";
                case OPTION_PER_LINE -> "\n";
            });
        }
        return out.append('\n').toString();
    }

    private static void append(StringBuilder out, String text, String separator) {
        if (out.length() > 0) {
            out.append(separator);
        }
        out.append(text);
    }
}
