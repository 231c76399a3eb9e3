package dev.domxml.cli;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Writes a file so that readers see the old content or the new, never half of it: a temporary file in
 * the same folder, written and synced, takes the old file's mode, then replaces it by rename. Any
 * failure leaves the old file as it was and no temporary file behind.
 */
final class AtomicFiles {
    /** Where a test can make a step fail, to prove that failures lose nothing. */
    interface Faults {
        Faults NONE = step -> { };

        void at(String step) throws IOException;
    }

    static volatile Faults faults = Faults.NONE;

    private static final AtomicLong TEMP_NAMES = new AtomicLong();

    private AtomicFiles() {}

    /** A temporary file, created and open for writing. */
    private record TempFile(Path path, FileChannel channel) {}

    /**
     * A new file beside the target, created and opened in one call. Not Files.createTempFile: that one
     * is always rw------- , and a new file the tool writes should get the user's umask like any other.
     */
    private static TempFile createTemp(Path dir, String name) throws IOException {
        long pid = ProcessHandle.current().pid();
        while (true) {
            Path temp = dir.resolve("." + name + "." + pid + "." + TEMP_NAMES.incrementAndGet() + ".tmp");
            try {
                return new TempFile(temp, FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE));
            } catch (FileAlreadyExistsException e) {
                // left by an earlier run that died; take the next name
            }
        }
    }

    static void write(Path target, String content) throws IOException {
        TempFile temp = createTemp(target.toAbsolutePath().getParent(), target.getFileName().toString());
        boolean moved = false;
        try {
            try (FileChannel channel = temp.channel()) {
                faults.at("created");
                if (Files.exists(target)) {
                    try {
                        Files.setPosixFilePermissions(temp.path(), Files.getPosixFilePermissions(target));
                    } catch (UnsupportedOperationException e) {
                        // not a POSIX file system: the new file keeps the default mode
                    }
                }
                channel.write(StandardCharsets.UTF_8.encode(content));
                faults.at("written");
                channel.force(true);
            }
            faults.at("synced");
            try {
                Files.move(temp.path(), target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp.path(), target, StandardCopyOption.REPLACE_EXISTING);
            }
            moved = true;
        } finally {
            if (!moved) {
                Files.deleteIfExists(temp.path());
            }
        }
    }
}
