package dev.domxml.cli;

import java.io.PrintWriter;

/**
 * A one-line progress bar on stderr for long runs (many domains). Drawn only on a terminal
 * ({@code System.console() != null}) and for at least {@link #MIN_ITEMS} items, so pipes, tests and
 * CI logs never see it; erased when done.
 */
final class ProgressBar implements AutoCloseable {
    static final int MIN_ITEMS = 10;
    private static final int WIDTH = 24;
    private static final int LINE = 79;

    private final PrintWriter err;
    private final int total;
    private int done;
    private boolean drawn;

    ProgressBar(PrintWriter err, int total) {
        this.err = err;
        this.total = total;
    }

    /** A bar that draws on {@code err} when a terminal is attached and there are many items; else silent. */
    static ProgressBar start(PrintWriter err, int total) {
        return new ProgressBar(System.console() != null && total >= MIN_ITEMS ? err : null, total);
    }

    /** Counts one more item done; {@code what} names the next or current one. */
    void step(String what) {
        done = Math.min(total, done + 1);
        if (err == null) {
            return;
        }
        err.print('\r' + render(done, total, what));
        err.flush();
        drawn = true;
    }

    static String render(int done, int total, String what) {
        int filled = total == 0 ? WIDTH : done * WIDTH / total;
        String bar = "[" + "#".repeat(filled) + " ".repeat(WIDTH - filled) + "] " + done + "/" + total + " " + what;
        return bar.length() > LINE ? bar.substring(0, LINE - 3) + "..." : bar + " ".repeat(LINE - bar.length());
    }

    @Override
    public void close() {
        if (err != null && drawn) {
            err.print("\r" + " ".repeat(LINE) + "\r");
            err.flush();
        }
    }
}
