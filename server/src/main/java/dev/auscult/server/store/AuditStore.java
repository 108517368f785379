package dev.auscult.server.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The {@code audit_log} table: appended to, never changed. */
public interface AuditStore {

    /** {@code account} is empty for what concerns the server rather than one account (an account made, say). */
    void append(Optional<Account> account, String actor, String action, String detail, Instant at);

    /** Newest first. */
    List<AuditEntry> recent(Account account, int limit);

    /** When {@code actor} last did {@code action} in the account, newest first. */
    List<Instant> times(Account account, String actor, String action, int limit);

    /** How often {@code actor} did {@code action} in the account after {@code after}. */
    int countAfter(Account account, String actor, String action, Instant after);

    /** The requests refused for one device's key, newest first. */
    List<AuditEntry> refusedFor(Account account, String deviceId, int limit);
}
