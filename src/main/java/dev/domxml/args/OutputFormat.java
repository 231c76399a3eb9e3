package dev.domxml.args;


/** How a command line is printed: one shell line, one option per line, or a JSON argv array. */
public enum OutputFormat {
    SHELL, LINES, JSON;

    private static final String SAFE_PUNCTUATION = "_./=:,@+%-";

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
            out.append(" \\\n  ").append(shellQuote(option.name())); // a passed-on argument may need quoting
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
        if (isSafe(word)) {
            return word;
        }
        return "'" + word.replace("'", "'\\''") + "'";
    }

    /** Letters, digits and {@code _./=:,@+%-} only: a character loop, as a regex per word showed in batch profiles. */
    private static boolean isSafe(String word) {
        for (int i = 0; i < word.length(); i++) {
            char c = word.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || SAFE_PUNCTUATION.indexOf(c) >= 0)) {
                return false;
            }
        }
        return !word.isEmpty();
    }
}
