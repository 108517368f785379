package dev.auscult.server.push;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A receiver that asks to be left alone (Retry-After, RFC 9110 §10.2.3) is: in seconds, or until an HTTP date —
 * measured from the server's own clock (the one every other time is read from), so a test or a server whose clock is
 * set elsewhere waits as long as the receiver meant. Anything else is no answer, and the back-off decides.
 */
class ReceiversRetryAfterTest {

    private static final Instant NOW = Instant.parse("2026-12-07T10:00:00Z");

    @Test
    void secondsOrAnHttpDateFromTheServersClock() {
        assertEquals(Optional.of(Duration.ofSeconds(120)), DeliveryWorker.retryAfter(" 120 ", NOW));
        assertEquals(Optional.of(Duration.ofMinutes(5)), DeliveryWorker.retryAfter("Mon, 07 Dec 2026 10:05:00 GMT", NOW));
        assertEquals(Optional.of(Duration.ofHours(-1)), DeliveryWorker.retryAfter("Mon, 07 Dec 2026 09:00:00 GMT", NOW),
                "a date already past is a wait below zero, which the outbox ignores");
    }

    @Test
    void anythingElseIsNoAnswer() {
        assertEquals(Optional.empty(), DeliveryWorker.retryAfter("soon", NOW));
        assertEquals(Optional.empty(), DeliveryWorker.retryAfter("12345678", NOW), "more than six digits is not a delay we take");
    }
}
