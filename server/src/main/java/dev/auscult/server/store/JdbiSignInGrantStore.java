package dev.auscult.server.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** {@link SignInGrantStore} in SQL. */
final class JdbiSignInGrantStore implements SignInGrantStore {

    private final Handle h;

    JdbiSignInGrantStore(Handle h) {
        this.h = h;
    }

    @Override
    public long add(Account account, Optional<String> person, Optional<String> practice, String reason, Instant expiresAt, String by, Instant at) {
        return h.createUpdate("INSERT INTO signin_exceptions (account_id, person, practice, reason, expires_at, created_at, created_by) "
                        + "VALUES (:a, :p, :k, :r, :exp, :now, :by)")
                .bind("a", account.id()).bind("p", person.orElse(null)).bind("k", practice.orElse(null)).bind("r", reason).bind("exp", expiresAt)
                .bind("now", at).bind("by", by).executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
    }

    @Override
    public boolean revoke(Account account, long id, Instant at) {
        return h.createUpdate("UPDATE signin_exceptions SET revoked_at = :now WHERE id = :id AND account_id = :a AND revoked_at IS NULL")
                .bind("now", at).bind("id", id).bind("a", account.id()).execute() == 1;
    }

    @Override
    public List<SignInGrant> recent(Account account, int limit) {
        return h.createQuery("SELECT id, person, practice, reason, expires_at, created_at, created_by, revoked_at FROM signin_exceptions "
                        + "WHERE account_id = :a ORDER BY id DESC LIMIT :n").bind("a", account.id()).bind("n", limit)
                .map((rs, ctx) -> new SignInGrant(rs.getLong("id"), Columns.text(rs, "person"), Columns.text(rs, "practice"), rs.getString("reason"),
                        Columns.instant(rs, "expires_at"), Columns.instant(rs, "created_at"), rs.getString("created_by"),
                        Columns.maybeInstant(rs, "revoked_at"))).list();
    }
}
