package dev.auscult.sync;

import dev.auscult.storage.AtomicFiles;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Reports waiting for upload, one file each, written atomically (a crash or kill -9 leaves whole files
 * or a temporary file that is ignored). Oldest first by name. Bounded: beyond the limit the oldest
 * reports are dropped — each is superseded by a newer report of the same device — and counted.
 */
public final class Outbox {

    /** One queued report. */
    public record Entry(Path file, String reportId) {
    }

    private final Path dir;
    private final int limit;
    private final Clock clock;

    public Outbox(Path dir, int limit, Clock clock) {
        this.dir = dir;
        this.limit = limit;
        this.clock = clock;
    }

    /** Queues a report; returns how many superseded reports had to be dropped to stay within the limit. */
    public synchronized int add(String reportJson) throws IOException {
        String id = UUID.randomUUID().toString();
        // millis, then the JVM's monotonic nanoseconds (two reports in one millisecond keep their order), then
        // a random id (names never collide, and the id is the report's idempotency key)
        String name = String.format("%015d%012d-%s.json", clock.millis(), Math.floorMod(System.nanoTime(), 1_000_000_000_000L), id);
        AtomicFiles.write(dir.resolve(name), reportJson);
        List<Entry> all = entries();
        int dropped = 0;
        for (int i = 0; i < all.size() - limit; i++) {
            Files.deleteIfExists(all.get(i).file());
            dropped++;
        }
        return dropped;
    }

    public synchronized List<Entry> entries() throws IOException {
        List<Entry> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.json")) {
            for (Path f : files) {
                String n = f.getFileName().toString();
                if (!n.startsWith(".")) {
                    out.add(new Entry(f, n.substring(n.indexOf('-') + 1, n.length() - ".json".length())));
                }
            }
        }
        out.sort((a, b) -> a.file().getFileName().toString().compareTo(b.file().getFileName().toString()));
        return out;
    }

    /** The report, or empty when it is gone (another process uploaded it). Unreadable text throws. */
    public Optional<String> read(Entry e) throws IOException {
        try {
            return Optional.of(Files.readString(e.file(), java.nio.charset.StandardCharsets.UTF_8));
        } catch (java.nio.file.NoSuchFileException gone) {
            return Optional.empty();
        }
    }

    /** An exclusive hold on the outbox across processes; released by close. */
    public static final class Lock implements AutoCloseable {
        private final java.nio.channels.FileChannel channel;
        private final java.nio.channels.FileLock lock;

        private Lock(java.nio.channels.FileChannel channel, java.nio.channels.FileLock lock) {
            this.channel = channel;
            this.lock = lock;
        }

        @Override
        public void close() throws IOException {
            lock.release();
            channel.close();
        }
    }

    /** The outbox's lock, or null when another process holds it. */
    public Lock lock() throws IOException {
        dev.auscult.storage.OwnerOnlyFiles.createDirectories(dir);
        java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(dir.resolve(".lock"),
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.WRITE);
        java.nio.channels.FileLock l;
        try {
            l = ch.tryLock();
        } catch (java.nio.channels.OverlappingFileLockException sameProcess) {
            l = null;
        }
        if (l == null) {
            ch.close();
            return null;
        }
        return new Lock(ch, l);
    }

    public void remove(Entry e) throws IOException {
        Files.deleteIfExists(e.file());
    }

    /** A report the backend refuses for good is kept aside for support, not retried forever. */
    public void setAside(Entry e) throws IOException {
        Path rejected = setAsideDirectory();
        dev.auscult.storage.OwnerOnlyFiles.createDirectories(rejected);
        Files.move(e.file(), rejected.resolve(e.file().getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    /** Reports set aside so far (kept in {@link #setAsideDirectory()} for support), for `auscult status` and the window. */
    public int setAsideCount() throws IOException {
        Path rejected = setAsideDirectory();
        if (!Files.isDirectory(rejected)) {
            return 0;
        }
        try (var files = Files.list(rejected)) {
            return (int) files.count();
        }
    }

    public Path setAsideDirectory() {
        return dir.resolve("rejected");
    }

    /**
     * Temporary files of writes that a crash interrupted. Only those older than a minute: a younger one may
     * be another process's write in progress.
     */
    public void cleanUp() throws IOException {
        if (!Files.isDirectory(dir)) {
            return;
        }
        java.time.Instant cutoff = clock.instant().minusSeconds(60);
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, ".*.tmp")) {
            for (Path f : files) {
                try {
                    if (Files.getLastModifiedTime(f).toInstant().isBefore(cutoff)) {
                        Files.deleteIfExists(f);
                    }
                } catch (java.nio.file.NoSuchFileException gone) {
                    // renamed into place or removed meanwhile
                }
            }
        }
    }
}
