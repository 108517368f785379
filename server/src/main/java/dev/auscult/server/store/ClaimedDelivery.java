package dev.auscult.server.store;

import java.time.Instant;
import java.util.Optional;

/** A delivery claimed for sending: what to send and where. {@code secret}: the webhook's key, or a receiver's bearer token. */
public record ClaimedDelivery(long id, long targetId, DeliveryTarget.Kind kind, String url, Optional<String> secret, Optional<String> audience,
                              String eventId, String eventType, String deviceId, String payload, int attempts, Instant createdAt, String accountId) {
    @Override
    public String toString() {
        return "ClaimedDelivery[" + id + " " + eventType + " to target " + targetId + "]";
    }

    /** The row's account: the account whose event this delivery carries. */
    public Account account() {
        return new Account(accountId);
    }
}
