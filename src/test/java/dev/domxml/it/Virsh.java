package dev.domxml.it;

import dev.domxml.testing.ExternalProcess;
import java.io.IOException;
import java.time.Duration;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

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

    static Outcome run(String... command) throws IOException {
        ExternalProcess.Result result;
        try {
            result = ExternalProcess.run(Duration.ofMinutes(2), List.of(command));
        } catch (IOException e) {
            throw new IOException(e.getMessage() + ": the oracle tests need libvirt 9.0; run"
                    + " `bash src/test/oracle/setup-libvirt.sh` as root", e);
        }
        return new Outcome(result.status(), result.out(), result.err());
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
