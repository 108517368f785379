package dev.auscult.server.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** {@link TokenStore} in SQL. */
final class JdbiTokenStore implements TokenStore {

    private final Handle h;

    JdbiTokenStore(Handle h) {
        this.h = h;
    }

    @Override
    public long addApiToken(Account account, String name, String tokenHash, String role, String by, Instant at, Instant expiresAt) {
        return h.createUpdate("INSERT INTO api_tokens (account_id, name, token_hash, role, created_at, created_by, expires_at) "
                        + "VALUES (:a, :n, :h, :r, :now, :by, :exp)")
                .bind("a", account.id()).bind("n", name).bind("h", tokenHash).bind("r", role).bind("now", at).bind("by", by).bind("exp", expiresAt)
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
    }

    @Override
    public List<ApiToken> apiTokens(Account account) {
        return h.createQuery("SELECT id, name, role, created_at, created_by, expires_at, last_used_at, revoked_at FROM api_tokens "
                        + "WHERE account_id = :a ORDER BY id DESC").bind("a", account.id())
                .map((rs, ctx) -> new ApiToken(rs.getLong("id"), rs.getString("name"), rs.getString("role"), Columns.instant(rs, "created_at"),
                        rs.getString("created_by"), Columns.instant(rs, "expires_at"), Columns.maybeInstant(rs, "last_used_at"),
                        Columns.maybeInstant(rs, "revoked_at"))).list();
    }

    @Override
    public boolean revokeApiToken(Account account, long id, Instant at) {
        return h.createUpdate("UPDATE api_tokens SET revoked_at = :now WHERE id = :id AND account_id = :a AND revoked_at IS NULL")
                .bind("now", at).bind("id", id).bind("a", account.id()).execute() == 1;
    }

    @Override
    public Optional<ApiTokenHolder> apiTokenHolderAcrossAccounts(String tokenHash, Instant now) {
        Optional<ApiTokenHolder> holder = h.createQuery("SELECT account_id, role, name FROM api_tokens WHERE token_hash = :h AND revoked_at IS NULL "
                        + "AND expires_at > :now").bind("h", tokenHash).bind("now", now)
                .map((rs, ctx) -> new ApiTokenHolder(new Account(rs.getString(1)), rs.getString(2), rs.getString(3))).findOne();
        if (holder.isPresent()) {
            h.createUpdate("UPDATE api_tokens SET last_used_at = :now WHERE token_hash = :h").bind("now", now).bind("h", tokenHash).execute();
        }
        return holder;
    }

    @Override
    public void addScimToken(Account account, String tokenHash, Instant at) {
        h.createUpdate("INSERT INTO scim_tokens (token_hash, account_id, created_at) VALUES (:h, :a, :now)").bind("h", tokenHash).bind("a", account.id())
                .bind("now", at).execute();
    }

    @Override
    public int scimTokenCount(Account account) {
        return h.createQuery("SELECT count(*) FROM scim_tokens WHERE account_id = :a").bind("a", account.id()).mapTo(Integer.class).one();
    }

    @Override
    public Optional<Account> scimTokenHolderAcrossAccounts(String tokenHash) {
        return h.createQuery("SELECT account_id FROM scim_tokens WHERE token_hash = :h").bind("h", tokenHash).mapTo(String.class).findOne().map(Account::new);
    }
}
