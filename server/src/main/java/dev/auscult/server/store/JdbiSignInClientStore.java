package dev.auscult.server.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.StatementContext;

/** {@link SignInClientStore} in SQL; the redirect URIs are kept one per line. */
final class JdbiSignInClientStore implements SignInClientStore {

    private static final String SELECT = "SELECT client_id, account_id, name, redirect_uris, created_at, created_by, revoked_at FROM signin_clients";

    private final Handle h;

    JdbiSignInClientStore(Handle h) {
        this.h = h;
    }

    @Override
    public void add(Account account, String clientId, String name, String secretHash, List<String> redirectUris, String by, Instant at) {
        h.createUpdate("INSERT INTO signin_clients (client_id, account_id, name, secret_hash, redirect_uris, created_at, created_by) "
                        + "VALUES (:c, :a, :n, :s, :r, :now, :by)")
                .bind("c", clientId).bind("a", account.id()).bind("n", name).bind("s", secretHash).bind("r", String.join("\n", redirectUris))
                .bind("now", at).bind("by", by).execute();
    }

    @Override
    public List<SignInClient> list(Account account) {
        return h.createQuery(SELECT + " WHERE account_id = :a ORDER BY created_at DESC").bind("a", account.id()).map(JdbiSignInClientStore::client).list();
    }

    @Override
    public Optional<SignInClient> byIdAcrossAccounts(String clientId) {
        return h.createQuery(SELECT + " WHERE client_id = :c").bind("c", clientId).map(JdbiSignInClientStore::client).findOne();
    }

    @Override
    public Optional<String> activeSecretHashAcrossAccounts(String clientId) {
        return h.createQuery("SELECT secret_hash FROM signin_clients WHERE client_id = :c AND revoked_at IS NULL").bind("c", clientId)
                .mapTo(String.class).findOne();
    }

    @Override
    public boolean revoke(Account account, String clientId, Instant at) {
        return h.createUpdate("UPDATE signin_clients SET revoked_at = :now WHERE client_id = :c AND account_id = :a AND revoked_at IS NULL")
                .bind("now", at).bind("c", clientId).bind("a", account.id()).execute() == 1;
    }

    private static SignInClient client(ResultSet rs, StatementContext ctx) throws SQLException {
        return new SignInClient(rs.getString("client_id"), rs.getString("account_id"), rs.getString("name"),
                Arrays.asList(rs.getString("redirect_uris").split("\n")), Columns.instant(rs, "created_at"), rs.getString("created_by"),
                Columns.maybeInstant(rs, "revoked_at"));
    }
}
