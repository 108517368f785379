package dev.auscult.probe;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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
    private final List<String> powershell;
    private final Optional<SourceCache> cache;

    public LiveEvidence(SourceCatalog catalog, Duration timeout, int maxOutputBytes, Path home,
                        Function<String, String> environment) {
        this(catalog, timeout, maxOutputBytes, home, environment, DEFAULT_POWERSHELL, Optional.empty());
    }

    /** @param powershell the interpreter and the arguments before the script (a test can substitute its own) */
    public LiveEvidence(SourceCatalog catalog, Duration timeout, int maxOutputBytes, Path home,
                        Function<String, String> environment, List<String> powershell, Optional<SourceCache> cache) {
        this.catalog = catalog;
        this.runner = new ProcessRunner(timeout, maxOutputBytes);
        this.batchRunner = new ProcessRunner(timeout.multipliedBy(2), maxOutputBytes);
        this.timeout = timeout;
        this.home = home;
        this.environment = environment;
        this.maxFileBytes = maxOutputBytes;
        this.powershell = List.copyOf(powershell);
        this.cache = cache;
    }

    static final List<String> DEFAULT_POWERSHELL = List.of("powershell.exe", "-NoProfile", "-NonInteractive", "-Command");

    /** The usual settings: 10 s per source, 16 MiB of output, the real home directory and environment. */
    public static LiveEvidence forThisMachine(SourceCatalog catalog, SourceCache cache) {
        return new LiveEvidence(catalog, Duration.ofSeconds(10), 16 << 20,
                dev.auscult.storage.UserHome.current(), System::getenv, DEFAULT_POWERSHELL, Optional.of(cache));
    }

    private final ProcessRunner batchRunner;

    @Override
    public Reading read(String sourceId) {
        CompletableFuture<Reading> f = start(sourceId);
        long limit = (catalog.require(sourceId) instanceof SourceSpec.PowerShell ? 2 * timeout.toMillis() : timeout.toMillis()) + 1000;
        try {
            // The process runner enforces the timeout itself; this bound covers reads that cannot be
            // interrupted (a file on a hung network mount).
            return f.get(limit, TimeUnit.MILLISECONDS);
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
        List<SourceSpec.PowerShell> batch = new ArrayList<>();
        for (String id : sourceIds) {
            if (catalog.require(id) instanceof SourceSpec.PowerShell p && !inFlight.containsKey(id)) {
                batch.add(p);
            } else {
                start(id);
            }
        }
        startBatch(batch);
    }

    private CompletableFuture<Reading> start(String sourceId) {
        SourceSpec spec = catalog.require(sourceId);
        if (spec instanceof SourceSpec.PowerShell p && !inFlight.containsKey(sourceId)) {
            startBatch(List.of(p));
        }
        return inFlight.computeIfAbsent(sourceId, id -> CompletableFuture.supplyAsync(() -> cachedOrRead(spec), executor));
    }

    private Reading cachedOrRead(SourceSpec spec) {
        Optional<java.time.Duration> ttl = catalog.cacheFor(spec.id());
        if (ttl.isPresent() && cache.isPresent()) {
            Optional<Reading> hit = cache.get().get(spec.id());
            if (hit.isPresent()) {
                return hit.get();
            }
            Reading fresh = readNow(spec);
            cache.get().put(spec.id(), fresh, ttl.get());
            return fresh;
        }
        return readNow(spec);
    }

    /** All the given PowerShell sources in one powershell.exe; each gets its own share of the output. */
    private synchronized void startBatch(List<SourceSpec.PowerShell> sources) {
        List<SourceSpec.PowerShell> fresh = sources.stream().filter(p -> !inFlight.containsKey(p.id())).toList();
        if (fresh.isEmpty()) {
            return;
        }
        List<String> ids = fresh.stream().map(SourceSpec::id).toList();
        CompletableFuture<Map<String, Reading>> batch = CompletableFuture.supplyAsync(() -> runBatch(fresh, ids), executor);
        for (String id : ids) {
            inFlight.putIfAbsent(id, batch.thenApply(all -> all.get(id)));
        }
    }

    private Map<String, Reading> runBatch(List<SourceSpec.PowerShell> sources, List<String> ids) {
        List<String> argv = new ArrayList<>(powershell);
        argv.add(PowerShellBatch.script(sources));
        Reading r = batchRunner.run(String.join(",", ids), argv);
        Map<String, Reading> out = new java.util.HashMap<>();
        if (r instanceof Reading.CommandOutput c) {
            return PowerShellBatch.split(c.stdout(), ids);
        }
        for (String id : ids) {
            out.put(id, Reading.Unavailable.of(id, r.status(), r.problem().replaceFirst("^[^ ]+", "PowerShell")));
        }
        return out;
    }

    private Reading readNow(SourceSpec spec) {
        return switch (spec) {
            case SourceSpec.Command c -> runner.run(c.id(), c.argv());
            case SourceSpec.PowerShell p -> runBatch(List.of(p), List.of(p.id())).get(p.id());
            case SourceSpec.File f -> readFile(f);
            case SourceSpec.Files f -> readFiles(f);
            case SourceSpec.Exists x -> Files.exists(resolve(x.path()))
                    ? new Reading.FileContent(x.id(), "")
                    : Reading.Unavailable.of(x.id(), ReadStatus.MISSING, resolve(x.path()) + " does not exist");
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

    /** Every existing file of the set, directories' files in byte order of their names, within one size budget. */
    private Reading readFiles(SourceSpec.Files spec) {
        List<FileSet.Entry> entries = new ArrayList<>();
        int budget = maxFileBytes;
        for (String raw : spec.paths()) {
            List<Path> paths;
            try {
                paths = raw.endsWith("/") ? filesIn(Path.of(raw)) : List.of(Path.of(raw));
            } catch (AccessDeniedException e) {
                return Reading.Unavailable.of(spec.id(), ReadStatus.DENIED, raw + " may not be listed by this user");
            } catch (IOException e) {
                return Reading.Unavailable.of(spec.id(), ReadStatus.ERROR, raw + " could not be listed: " + e.getMessage());
            }
            for (Path path : paths) {
                try {
                    byte[] bytes = readAtMost(path, budget);
                    if (bytes.length > budget) {
                        return Reading.Unavailable.of(spec.id(), ReadStatus.ERROR,
                                "the files of " + spec.id() + " are larger than " + maxFileBytes + " bytes together");
                    }
                    budget -= bytes.length;
                    entries.add(new FileSet.Entry(path.toString(), new String(bytes, StandardCharsets.UTF_8)));
                } catch (NoSuchFileException e) {
                    // absent (or removed between listing and reading): the set simply lacks it
                } catch (AccessDeniedException e) {
                    // the program that reads these files would fail on it as well, so the set cannot stand for it
                    return Reading.Unavailable.of(spec.id(), ReadStatus.DENIED, path + " may not be read by this user");
                } catch (IOException e) {
                    return Reading.Unavailable.of(spec.id(), ReadStatus.ERROR, path + " could not be read: " + e.getMessage());
                }
            }
        }
        if (entries.isEmpty()) {
            return Reading.Unavailable.of(spec.id(), ReadStatus.MISSING, "none of " + String.join(", ", spec.paths()) + " exists");
        }
        return new Reading.FileContent(spec.id(), new FileSet(entries).encode());
    }

    private static List<Path> filesIn(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (var listing = Files.list(dir)) {
            // byte order of the names, as C's strcmp sorts them; regular files only (links followed)
            return listing.filter(Files::isRegularFile)
                    .sorted(java.util.Comparator.comparing(p -> p.getFileName().toString().getBytes(StandardCharsets.UTF_8),
                            java.util.Arrays::compareUnsigned))
                    .toList();
        }
    }

    /** At most {@code limit + 1} bytes: one more than allowed tells "too large" without reading all of it. */
    private static byte[] readAtMost(Path path, int limit) throws IOException {
        try (var in = Files.newInputStream(path)) {
            return in.readNBytes(limit + 1);
        }
    }

    private Path resolve(String rawPath) {
        return rawPath.startsWith("~/") ? home.resolve(rawPath.substring(2)) : Path.of(rawPath);
    }

    private Reading readPath(String id, String rawPath) {
        Path path = resolve(rawPath);
        try {
            byte[] bytes = readAtMost(path, maxFileBytes);
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
