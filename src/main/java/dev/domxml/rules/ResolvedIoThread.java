package dev.domxml.rules;

import java.util.OptionalInt;

/** One I/O thread of the domain, with its final id. */
public record ResolvedIoThread(int id, OptionalInt threadPoolMin, OptionalInt threadPoolMax) {}
