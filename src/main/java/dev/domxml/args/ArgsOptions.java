package dev.domxml.args;

import java.util.Optional;

/** Choices that change a written command line without changing the guest. */
public record ArgsOptions(Optional<String> qmpSocket, boolean paused) {
    public static ArgsOptions defaults() {
        return new ArgsOptions(Optional.empty(), false);
    }
}
