package dev.auscult.server.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The {@code signin_exceptions} table: exceptions to the sign-in check an administrator granted, for a time. */
public interface SignInGrantStore {

    /** Returns the new exception's id. */
    long add(Account account, Optional<String> person, Optional<String> practice, String reason, Instant expiresAt, String by, Instant at);

    /** False when the account has no such exception in force. */
    boolean revoke(Account account, long id, Instant at);

    /** The newest {@code limit}, the expired and revoked ones too (for the record). */
    List<SignInGrant> recent(Account account, int limit);
}
