package dev.auscult.sync;

import java.net.URI;
import java.time.Instant;

/** What activation established (everything but the token, which lives in the credential store). */
public record ActivationRecord(String deviceId, String accountId, String email, URI backend, String deviceUuid, Instant activatedAt) {
}
