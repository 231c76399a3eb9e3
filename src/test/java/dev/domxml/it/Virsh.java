package dev.domxml.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The real libvirt 9.0 (the oracle): virsh and virt-xml-validate, installed by src/test/oracle/setup-libvirt.sh. */
final class Virsh {
    static final String URI = "qemu:///system";

    private Virsh() {}

    /** What a command printed and how it ended. */
    record Outcome(int status, String out, String err) {
        boolean ok() {
            return status == 0;
        }
    }

    static Outcome run(String... command) throws IOException, InterruptedException {
        Process process;
        try {
            process = new ProcessBuilder(command).start();
        } catch (IOException e) {
            throw new IOException(command[0] + " is not installed: the oracle tests need libvirt 9.0; run"
                    + " `bash src/test/oracle/setup-libvirt.sh` as root", e);
        }
        process.getOutputStream().close();
        byte[] out = process.getInputStream().readAllBytes();
        byte[] err = process.getErrorStream().readAllBytes();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException(String.join(" ", command) + " did not finish");
        }
        return new Outcome(process.exitValue(), new String(out, StandardCharsets.UTF_8),
                new String(err, StandardCharsets.UTF_8));
    }

    static Outcome virsh(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("virsh", "-c", URI));
        command.addAll(List.of(args));
        return run(command.toArray(String[]::new));
    }

    static Outcome domxmlToNative(Path xml) throws IOException, InterruptedException {
        return virsh("domxml-to-native", "qemu-argv", xml.toString());
    }

    static Outcome validate(Path xml) throws IOException, InterruptedException {
        return run("virt-xml-validate", xml.toString(), "domain");
    }
}
