package dev.auscult.localapi;

import dev.auscult.posture.DeviceScan;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * A recent scan for web requests: reused while fresh (60 s by default), and shared by concurrent
 * requests, so a page polling the API (or fifty tabs) costs one scan, not fifty.
 */
final class FreshScans {

    private record Entry(CompletableFuture<DeviceScan> scan, Instant started, boolean withInventory) {
    }

    private final ScanSource source;
    private final Duration freshness;
    private final Clock clock;
    private Entry last;

    FreshScans(ScanSource source, Duration freshness, Clock clock) {
        this.source = source;
        this.freshness = freshness;
        this.clock = clock;
    }

    DeviceScan get(boolean withInventory) throws ExecutionException, InterruptedException {
        CompletableFuture<DeviceScan> f;
        synchronized (this) {
            boolean usable = last != null && (last.withInventory() || !withInventory)
                    && !last.scan().isCompletedExceptionally()
                    && (!last.scan().isDone() || clock.instant().isBefore(last.started().plus(freshness)));
            if (!usable) {
                CompletableFuture<DeviceScan> fresh = new CompletableFuture<>();
                last = new Entry(fresh, clock.instant(), withInventory);
                Thread.ofVirtual().start(() -> {
                    try {
                        fresh.complete(source.scan(withInventory));
                    } catch (RuntimeException e) {
                        fresh.completeExceptionally(e);
                    }
                });
            }
            f = last.scan();
        }
        return f.get();
    }
}
