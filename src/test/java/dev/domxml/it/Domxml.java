package dev.domxml.it;

import dev.domxml.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs the domxml CLI in-process, as a user runs {@code bin/domxml}, and captures what it printed. */
record Domxml(int status, String out, String err) {
    static Domxml run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = Main.run(args, new PrintWriter(out), new PrintWriter(err));
        return new Domxml(status, out.toString(), err.toString());
    }

    @Override
    public String toString() {
        return "exit " + status + "\nstdout:\n" + out + "stderr:\n" + err;
    }
}
