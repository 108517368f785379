package dev.auscult.server.store;

import java.time.Instant;
import java.util.Optional;

/** A report as kept: the document the agent sent, when it came, and the status it gave. */
public record StoredReport(String reportId, String deviceId, Instant receivedAt, Optional<String> status, String body) {
}
