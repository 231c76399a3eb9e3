package dev.domxml.args;

import java.util.ArrayList;
import java.util.List;

/** A QEMU command line: the binary, then options each with at most one value, in order. */
public record CommandLine(String binary, List<Option> options) {
    public CommandLine {
        options = List.copyOf(options);
    }

    /** One option: {@code -device} with its value, or a flag such as {@code -nodefaults} (value null). */
    public record Option(String name, String value) {
        public static Option flag(String name) {
            return new Option(name, null);
        }

        public boolean hasValue() {
            return value != null;
        }
    }

    public List<String> argv() {
        List<String> argv = new ArrayList<>();
        argv.add(binary);
        for (Option option : options) {
            argv.add(option.name());
            if (option.hasValue()) {
                argv.add(option.value());
            }
        }
        return argv;
    }
}
