package dev.auscult.server.store;

import java.time.Instant;
import java.util.Optional;

/** An exception to the sign-in check; an empty person means everyone, an empty practice means every practice. */
public record SignInGrant(long id, Optional<String> person, Optional<String> practice, String reason, Instant expiresAt, Instant createdAt,
                          String createdBy, Optional<Instant> revokedAt) {

    public boolean covers(String ownerEmail, String practiceKey, Instant at) {
        return revokedAt.isEmpty() && at.isBefore(expiresAt) && person.map(p -> p.equalsIgnoreCase(ownerEmail)).orElse(true)
                && practice.map(p -> p.equals(practiceKey)).orElse(true);
    }

    /** "firewall for alice@acme.example until 2026-12-20: board meeting" */
    public String describe() {
        return practice.orElse("every practice") + " for " + person.orElse("everyone") + " until " + expiresAt.toString().substring(0, 10) + ": " + reason;
    }
}
