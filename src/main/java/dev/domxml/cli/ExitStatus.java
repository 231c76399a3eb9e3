package dev.domxml.cli;

/** Exit statuses shared by every command. */
final class ExitStatus {
    static final int OK = 0;
    /** A domain was refused, or lint found something at or above --fail-on. */
    static final int FINDINGS = 1;
    /** Bad usage, or an input that could not be read or parsed. */
    static final int USAGE = 2;
    static final int INTERNAL = 3;

    private ExitStatus() {}
}
