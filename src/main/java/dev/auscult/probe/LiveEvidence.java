package dev.auscult.probe;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * Reads evidence from the machine this runs on. Single-flight: concurrent and repeated reads of one
 * source within a scan share one read. Create one instance per scan.
 */
public final class LiveEvidence implements Evidence {

    private final SourceCatalog catalog;
    private final ProcessRunner runner;
    private final Duration timeout;
    private final Path home;
    private final Function<String, String> environment;
    private final int maxFileBytes;
    private final Executor executor = Executors.newVirtualThreadPerTaskExecutor();
    private final Map<String, CompletableFuture<Reading>> inFlight = new ConcurrentHashMap<>();

    public LiveEvidence(SourceCatalog catalog, Duration timeout, int maxOutputBytes, Path home,
                        Function<String, String> environment) {
        this.catalog = catalog;
        this.runner = new ProcessRunner(timeout, maxOutputBytes);
        this.timeout = timeout;
        this.home = home;
        this.environment = environment;
        this.maxFileBytes = maxOutputBytes;
    }

    /** The usual settings: 10 s per source, 16 MiB of output, the real home directory and environment. */
    public static LiveEvidence forThisMachine(SourceCatalog catalog) {
        return new LiveEvidence(catalog, Duration.ofSeconds(10), 16 << 20,
                Path.of(System.getProperty("user.home")), System::getenv);
    }

    @Override
    public Reading read(String sourceId) {
        CompletableFuture<Reading> f = start(sourceId);
        try {
            // The process runner enforces the timeout itself; this bound covers reads that cannot be
            // interrupted (a file on a hung network mount).
            return f.get(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return Reading.Unavailable.of(sourceId, ReadStatus.TIMEOUT,
                    sourceId + " did not answer within " + ProcessRunner.describe(timeout));
        } catch (ExecutionException e) {
            return Reading.Unavailable.of(sourceId, ReadStatus.ERROR, sourceId + " failed: " + e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Reading.Unavailable.of(sourceId, ReadStatus.ERROR, sourceId + " was interrupted");
        }
    }

    @Override
    public void prefetch(String... sourceIds) {
        for (String id : sourceIds) {
            start(id);
        }
    }

    private CompletableFuture<Reading> start(String sourceId) {
        SourceSpec spec = catalog.require(sourceId);
        return inFlight.computeIfAbsent(sourceId, id -> CompletableFuture.supplyAsync(() -> readNow(spec), executor));
    }

    private Reading readNow(SourceSpec spec) {
        return switch (spec) {
            case SourceSpec.Command c -> runner.run(c.id(), c.argv());
            case SourceSpec.PowerShell p -> runner.run(p.id(),
                    List.of("powershell.exe", "-NoProfile", "-NonInteractive", "-Command", p.script()));
            case SourceSpec.File f -> readFile(f);
            case SourceSpec.Env e -> {
                String value = environment.apply(e.name());
                yield value == null
                        ? Reading.Unavailable.of(e.id(), ReadStatus.MISSING, e.name() + " is not set")
                        : new Reading.EnvValue(e.id(), value);
            }
        };
    }

    private Reading readFile(SourceSpec.File f) {
        Reading first = readPath(f.id(), f.path());
        if (first.status() == ReadStatus.MISSING && f.fallback().isPresent()) {
            return readPath(f.id(), f.fallback().get());
        }
        return first;
    }

    private Reading readPath(String id, String rawPath) {
        Path path = rawPath.startsWith("~/") ? home.resolve(rawPath.substring(2)) : Path.of(rawPath);
        try {
            byte[] bytes;
            try (var in = Files.newInputStream(path)) {
                bytes = in.readNBytes(maxFileBytes + 1);
            }
            if (bytes.length > maxFileBytes) {
                return Reading.Unavailable.of(id, ReadStatus.ERROR, path + " is larger than " + maxFileBytes + " bytes");
            }
            return new Reading.FileContent(id, new String(bytes, StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            return Reading.Unavailable.of(id, ReadStatus.MISSING, path + " does not exist");
        } catch (AccessDeniedException e) {
            return Reading.Unavailable.of(id, ReadStatus.DENIED, path + " may not be read by this user");
        } catch (IOException e) {
            return Reading.Unavailable.of(id, ReadStatus.ERROR, path + " could not be read: " + e.getMessage());
        }
    }

    @Override
    public Map<String, Reading> readings() {
        Map<String, Reading> done = new TreeMap<>();
        inFlight.forEach((id, f) -> {
            if (f.isDone() && !f.isCompletedExceptionally()) {
                done.put(id, f.join());
            }
        });
        return done;
    }
}
