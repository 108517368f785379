package dev.auscult.server.store;

import java.time.Instant;
import java.util.Optional;

/** One line of the audit log: who did what, when, on which account. */
public record AuditEntry(Instant at, Optional<String> accountId, String actor, String action, String detail) {
}
