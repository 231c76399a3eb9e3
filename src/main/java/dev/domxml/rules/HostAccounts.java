package dev.domxml.rules;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;

/**
 * This host's users or groups by name, as the C library finds them in its files database
 * ({@code /etc/passwd}, {@code /etc/group}: {@code name:password:id:...}). libvirt resolves the names of
 * an NFS disk's {@code <identity>} this way on its own host; domxml does the same on the host it runs on.
 */
enum HostAccounts {
    USERS("/etc/passwd"),
    GROUPS("/etc/group");

    private final Path file;

    HostAccounts(String file) {
        this.file = Path.of(file);
    }

    /** The id of that name, if the database has it. */
    OptionalLong idOf(String name) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException | RuntimeException e) {
            return OptionalLong.empty();
        }
        for (String line : lines) {
            String[] fields = line.split(":", -1);
            if (fields.length > 2 && fields[0].equals(name)) {
                try {
                    return OptionalLong.of(Long.parseLong(fields[2]));
                } catch (NumberFormatException e) {
                    return OptionalLong.empty();
                }
            }
        }
        return OptionalLong.empty();
    }
}
