package dev.auscult.server.store;

import java.time.Instant;
import java.util.Optional;

/** An activation code as the console and CLI list it: never the code itself. */
public record CodeStatus(long id, String email, Instant createdAt, Instant expiresAt, Optional<Instant> usedAt,
                         Optional<Instant> revokedAt, Optional<String> deviceId, Optional<Retirement> retired) {

    public String state(Instant now) {
        if (usedAt.isPresent()) {
            return "used";
        }
        if (revokedAt.isPresent()) {
            return retired.map(r -> r == Retirement.REVOKED ? "revoked" : "retired").orElse("revoked");
        }
        return expiresAt.isBefore(now) ? "expired" : "pending";
    }

    /** Why a retired code is, in words ("replaced by a newer code"); empty for the others. */
    public String why() {
        return revokedAt.isPresent() ? retired.orElse(Retirement.REVOKED).words() : "";
    }
}
