package dev.domxml.model;

import java.util.OptionalInt;

/** An {@code -object iothread}: an event loop thread that devices can run their I/O in. */
public record IoThread(String id, OptionalInt threadPoolMin, OptionalInt threadPoolMax) {

    public static IoThread named(String id) {
        return new IoThread(id, OptionalInt.empty(), OptionalInt.empty());
    }
}
