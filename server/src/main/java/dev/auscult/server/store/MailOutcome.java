package dev.auscult.server.store;

import java.util.Optional;

/** One recipient of an activation send: PENDING, SENT, FAILED (with the mail server's words) or NO_PERSON. */
public record MailOutcome(String email, String status, Optional<String> problem) {
}
