package dev.domxml.rules;

import dev.domxml.report.SourcePosition;
import java.util.Optional;
import java.util.OptionalInt;

/** One I/O thread of the domain, with its final id and where it was declared. */
public record ResolvedIoThread(int id, OptionalInt threadPoolMin, OptionalInt threadPoolMax,
        Optional<SourcePosition> position) {}
