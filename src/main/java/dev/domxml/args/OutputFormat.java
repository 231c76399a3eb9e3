package dev.domxml.args;

import java.util.regex.Pattern;

/** How a command line is printed: one shell line, one option per line, or a JSON argv array. */
public enum OutputFormat {
    SHELL, LINES, JSON;

    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_./=:,@+%-]+");

    public String render(CommandLine commandLine) {
        return switch (this) {
            case SHELL -> String.join(" ", commandLine.argv().stream().map(OutputFormat::shellQuote).toList());
            case LINES -> lines(commandLine);
            case JSON -> json(commandLine);
        };
    }

    private static String lines(CommandLine commandLine) {
        StringBuilder out = new StringBuilder(shellQuote(commandLine.binary()));
        for (CommandLine.Option option : commandLine.options()) {
            out.append(" \\\n  ").append(option.name());
            if (option.hasValue()) {
                out.append(' ').append(shellQuote(option.value()));
            }
        }
        return out.toString();
    }

    private static String json(CommandLine commandLine) {
        return JsonText.of(commandLine.argv());
    }

    /** Single quotes unless the word is plainly safe, as libvirt prints its command lines. */
    public static String shellQuote(String word) {
        if (!word.isEmpty() && SAFE.matcher(word).matches()) {
            return word;
        }
        return "'" + word.replace("'", "'\\''") + "'";
    }
}
