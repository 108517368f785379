package dev.auscult.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Writes a file so that a crash (even kill -9) leaves either the old content or the new, never a torn
 * file: write a temporary file beside it, fsync, then rename over the target.
 */
public final class AtomicFiles {

    private AtomicFiles() {
    }

    public static void write(Path target, String content) throws IOException {
        write(target, content.getBytes(StandardCharsets.UTF_8), false);
    }

    /** The same for bytes (a PDF). */
    public static void write(Path target, byte[] content) throws IOException {
        write(target, content, false);
    }

    /**
     * Like {@link #write(Path, String)}, but the file is readable by its owner only from the moment it
     * exists (0600 on POSIX, an owner-only ACL on Windows) — for secrets.
     */
    public static void writePrivate(Path target, String content) throws IOException {
        write(target, content.getBytes(StandardCharsets.UTF_8), true);
    }

    private static void write(Path target, byte[] content, boolean ownerOnly) throws IOException {
        Path absolute = target.toAbsolutePath();
        Path dir = absolute.getParent();
        OwnerOnlyFiles.createDirectories(dir);
        Path tmp = ownerOnly ? OwnerOnlyFiles.createTemp(dir, absolute.getFileName().toString())
                : Files.createTempFile(dir, "." + absolute.getFileName() + ".", ".tmp");
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer buf = ByteBuffer.wrap(content);
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                ch.force(true);
            }
            try {
                Files.move(tmp, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, absolute, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
