package dev.auscult.server.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.StatementContext;

/** {@link CodeStore} in SQL. */
final class JdbiCodeStore implements CodeStore {

    private static final String SELECT = "SELECT id, email, created_at, expires_at, used_at, revoked_at, device_id, retired_reason FROM activation_codes";
    private static final String PENDING = "used_at IS NULL AND revoked_at IS NULL";

    private final Handle h;

    JdbiCodeStore(Handle h) {
        this.h = h;
    }

    @Override
    public long insert(Account account, String email, String codeHash, Instant at, Instant expiresAt) {
        return h.createUpdate("INSERT INTO activation_codes (account_id, email, code_hash, created_at, expires_at) VALUES (:a, :e, :h, :now, :exp)")
                .bind("a", account.id()).bind("e", email).bind("h", codeHash).bind("now", at).bind("exp", expiresAt)
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
    }

    @Override
    public boolean retire(Account account, long id, Retirement why, Instant at) {
        return h.createUpdate("UPDATE activation_codes SET revoked_at = :now, retired_reason = :why WHERE id = :id AND account_id = :a AND " + PENDING)
                .bind("now", at).bind("why", why.name()).bind("id", id).bind("a", account.id()).execute() == 1;
    }

    @Override
    public int retireOthers(Account account, String email, long kept, Retirement why, Instant at) {
        return h.createUpdate("UPDATE activation_codes SET revoked_at = :now, retired_reason = :why WHERE account_id = :a AND email = :e "
                        + "AND id <> :kept AND " + PENDING)
                .bind("now", at).bind("why", why.name()).bind("a", account.id()).bind("e", email).bind("kept", kept).execute();
    }

    @Override
    public int retirePending(Account account, Optional<String> email, Retirement why, Instant at) {
        return h.createUpdate("UPDATE activation_codes SET revoked_at = :now, retired_reason = :why WHERE account_id = :a AND " + PENDING
                        + (email.isPresent() ? " AND email = :e" : ""))
                .bind("now", at).bind("why", why.name()).bind("a", account.id()).bind("e", email.orElse(null)).execute();
    }

    @Override
    public List<CodeStatus> list(Account account) {
        return h.createQuery(SELECT + " WHERE account_id = :a ORDER BY id DESC").bind("a", account.id()).map(JdbiCodeStore::status).list();
    }

    @Override
    public boolean use(Account account, String email, String codeHash, String deviceId, Instant at) {
        return h.createUpdate("UPDATE activation_codes SET used_at = :now, device_id = :d WHERE code_hash = :h AND account_id = :a "
                        + "AND email = :e AND " + PENDING + " AND expires_at > :now")
                .bind("now", at).bind("d", deviceId).bind("h", codeHash).bind("a", account.id()).bind("e", email).execute() == 1;
    }

    @Override
    public Optional<CodeStatus> find(Account account, String email, String codeHash) {
        return h.createQuery(SELECT + " WHERE code_hash = :h AND account_id = :a AND email = :e")
                .bind("h", codeHash).bind("a", account.id()).bind("e", email).map(JdbiCodeStore::status).findOne();
    }

    private static CodeStatus status(ResultSet rs, StatementContext ctx) throws SQLException {
        return new CodeStatus(rs.getLong("id"), rs.getString("email"), Columns.instant(rs, "created_at"), Columns.instant(rs, "expires_at"),
                Columns.maybeInstant(rs, "used_at"), Columns.maybeInstant(rs, "revoked_at"), Columns.text(rs, "device_id"),
                Columns.text(rs, "retired_reason").map(Retirement::valueOf));
    }
}
