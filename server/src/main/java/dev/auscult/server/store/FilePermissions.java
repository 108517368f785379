package dev.auscult.server.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;

/** Owner-only files for what the server keeps (people, hashes, reports): 0700 directories, 0600 files, where POSIX modes exist. */
final class FilePermissions {

    private FilePermissions() {
    }

    static void ownerOnly(Path p, boolean directory) throws IOException {
        if (Files.getFileAttributeView(p, PosixFileAttributeView.class) == null) {
            return; // Windows: the data directory inherits the ACL of where the administrator put it
        }
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(directory ? "rwx------" : "rw-------"));
    }
}
