package dev.auscult.server.push;

import java.time.Duration;
import java.util.Optional;

/** One delivery sent to its target, before it is recorded: received or not, what to show, when to try again. */
record Attempt(boolean received, String status, Optional<Duration> retryAfter) {
}
