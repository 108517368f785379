package dev.auscult.server.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** {@link AdminStore} in SQL. */
final class JdbiAdminStore implements AdminStore {

    private final Handle h;

    JdbiAdminStore(Handle h) {
        this.h = h;
    }

    @Override
    public Optional<Credentials> byNameAcrossAccounts(String username) {
        return h.createQuery("SELECT username, account_id, password_hash, role, source FROM admins WHERE username = :u").bind("u", username)
                .map((rs, ctx) -> new Credentials(rs.getString(1), new Account(rs.getString(2)), rs.getString(3), rs.getString(4), rs.getString(5)))
                .findOne();
    }

    @Override
    public void insert(Account account, String username, String passwordHash, String role, String source, Instant at) {
        h.createUpdate("INSERT INTO admins (username, account_id, password_hash, created_at, failed_attempts, role, source) "
                        + "VALUES (:u, :a, :p, :now, 0, :r, :s)")
                .bind("u", username).bind("a", account.id()).bind("p", passwordHash).bind("now", at).bind("r", role).bind("s", source).execute();
    }

    @Override
    public boolean setRole(Account account, String username, String role) {
        return h.createUpdate("UPDATE admins SET role = :r WHERE username = :u AND account_id = :a").bind("r", role).bind("u", username)
                .bind("a", account.id()).execute() == 1;
    }

    @Override
    public int otherOwners(Account account, String username) {
        return h.createQuery("SELECT count(*) FROM admins WHERE account_id = :a AND role = 'OWNER' AND username <> :u")
                .bind("a", account.id()).bind("u", username).mapTo(Integer.class).one();
    }

    @Override
    public boolean exists(Account account, String username) {
        return h.createQuery("SELECT count(*) FROM admins WHERE username = :u AND account_id = :a").bind("u", username).bind("a", account.id())
                .mapTo(Integer.class).one() > 0;
    }

    @Override
    public boolean setPassword(Account account, String username, String passwordHash) {
        if (h.createUpdate("UPDATE admins SET password_hash = :p WHERE username = :u AND account_id = :a").bind("p", passwordHash).bind("u", username)
                .bind("a", account.id()).execute() == 0) {
            return false;
        }
        h.createUpdate("DELETE FROM admin_sessions WHERE username = :u").bind("u", username).execute();
        return true;
    }

    @Override
    public boolean remove(Account account, String username) {
        if (!exists(account, username)) {
            return false;
        }
        h.createUpdate("DELETE FROM admin_sessions WHERE username = :u").bind("u", username).execute();
        return h.createUpdate("DELETE FROM admins WHERE username = :u AND account_id = :a").bind("u", username).bind("a", account.id()).execute() == 1;
    }

    @Override
    public List<Listed> list(Account account) {
        return h.createQuery("SELECT username, created_at, role FROM admins WHERE account_id = :a ORDER BY username").bind("a", account.id())
                .map((rs, ctx) -> new Listed(rs.getString(1), Columns.instant(rs, "created_at"), rs.getString(3))).list();
    }

    @Override
    public void openSession(Account account, String username, String idHash, String csrf, Instant at, Instant expiresAt) {
        h.createUpdate("DELETE FROM admin_sessions WHERE expires_at < :now").bind("now", at).execute();
        // through the administrator's row, so a session is only ever opened for a name of the account
        int opened = h.createUpdate("INSERT INTO admin_sessions (id_hash, username, csrf, created_at, expires_at) "
                        + "SELECT :h, username, :c, :now, :exp FROM admins WHERE username = :u AND account_id = :a")
                .bind("h", idHash).bind("u", username).bind("a", account.id()).bind("c", csrf).bind("now", at).bind("exp", expiresAt).execute();
        if (opened == 0) {
            throw new IllegalArgumentException("no administrator " + username + " in account " + account.id());
        }
    }

    @Override
    public Optional<LiveSession> sessionAcrossAccounts(String idHash, Instant now) {
        return h.createQuery("SELECT s.username, a.account_id, s.csrf, a.role FROM admin_sessions s JOIN admins a ON a.username = s.username "
                        + "WHERE s.id_hash = :h AND s.expires_at > :now")
                .bind("h", idHash).bind("now", now)
                .map((rs, ctx) -> new LiveSession(rs.getString(1), new Account(rs.getString(2)), rs.getString(3), rs.getString(4))).findOne();
    }

    @Override
    public void endSessionAcrossAccounts(String idHash) {
        h.createUpdate("DELETE FROM admin_sessions WHERE id_hash = :h").bind("h", idHash).execute();
    }
}
