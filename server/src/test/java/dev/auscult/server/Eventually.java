package dev.auscult.server;

import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Waiting for something asynchronous (a delivery, a worker) to have happened, with what was seen when it did not. */
public final class Eventually {

    static final Duration LIMIT = Duration.ofSeconds(30);

    private Eventually() {
    }

    /** Returns once {@code done} holds; fails after 30 s with {@code what} and the {@code seen} state. */
    public static void until(BooleanSupplier done, String what, Supplier<String> seen) throws InterruptedException {
        Instant deadline = Instant.now().plus(LIMIT);
        while (!done.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("within " + LIMIT.toSeconds() + " s: " + what + "; " + seen.get());
            }
            Thread.sleep(50);
        }
    }
}
