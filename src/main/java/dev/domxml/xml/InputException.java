package dev.domxml.xml;

import dev.domxml.report.SourcePosition;

/** An input that cannot be read or parsed at all; the CLI reports it as one line and exits 2. */
public class InputException extends Exception {
    private final SourcePosition position;

    public InputException(SourcePosition position, String message) {
        super(message);
        this.position = position;
    }

    public InputException(SourcePosition position, String message, Throwable cause) {
        super(message, cause);
        this.position = position;
    }

    public SourcePosition position() {
        return position;
    }

    /** {@code FILE:LINE:COL: error: message}. */
    public String oneLine() {
        return position + ": error: " + getMessage();
    }
}
