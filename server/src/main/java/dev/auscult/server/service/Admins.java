package dev.auscult.server.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * Console administrators: bcrypt-hashed passwords (Spring Security's encoder, cost 12), a lock-out after
 * repeated failures, and server-side sessions — a random ID in an HttpOnly cookie, stored hashed with the
 * session's CSRF token and an expiry — so any server instance can serve any request.
 */
public final class Admins {

    public record Session(String username, String accountId, String csrf) {
        @Override
        public String toString() {
            return "Session[" + username + "@" + accountId + "]";
        }
    }

    /** The outcome of a sign-in: a session cookie value, or why not (without saying whether the user exists). */
    public sealed interface SignIn {
        record Ok(String sessionId, Session session) implements SignIn {
            @Override
            public String toString() {
                return "Ok[" + session + "]";
            }
        }

        record Refused(String message) implements SignIn {
        }
    }

    static final int MAX_FAILURES = 5;
    static final Duration LOCK = Duration.ofMinutes(15);
    static final Duration SESSION = Duration.ofHours(8);
    private static final int MIN_PASSWORD = 12;

    private final Jdbi jdbi;
    private final Secrets secrets;
    private final Audit audit;
    private final Clock clock;
    private final BCryptPasswordEncoder bcrypt = new BCryptPasswordEncoder(12);
    /** Compared against when the user does not exist, so a wrong name costs the same time as a wrong password. */
    private final String decoy;

    public Admins(Jdbi jdbi, Secrets secrets, Audit audit, Clock clock) {
        this.jdbi = jdbi;
        this.secrets = secrets;
        this.audit = audit;
        this.clock = clock;
        this.decoy = bcrypt.encode("decoy-password-never-used");
    }

    public void create(String accountId, String username, String password, String actor) {
        if (password.length() < MIN_PASSWORD) {
            throw new IllegalArgumentException("a password needs at least " + MIN_PASSWORD + " characters");
        }
        String user = username.strip().toLowerCase(java.util.Locale.ROOT);
        jdbi.useTransaction(h -> {
            if (h.createQuery("SELECT count(*) FROM admins WHERE username = :u").bind("u", user).mapTo(Integer.class).one() > 0) {
                throw new IllegalArgumentException("administrator " + user + " exists already");
            }
            h.createUpdate("INSERT INTO admins (username, account_id, password_hash, created_at, failed_attempts) VALUES (:u, :a, :p, :now, 0)")
                    .bind("u", user).bind("a", accountId).bind("p", bcrypt.encode(password)).bind("now", clock.instant()).execute();
            audit.record(h, Optional.of(accountId), actor, "admin.create", "administrator " + user);
        });
    }

    public SignIn signIn(String username, String password, String client) {
        String user = username.strip().toLowerCase(java.util.Locale.ROOT);
        Instant now = clock.instant();
        record Row(String hash, String account, int failures, Optional<Instant> lockedUntil) {
        }
        Optional<Row> row = jdbi.withHandle(h -> h.createQuery("SELECT password_hash, account_id, failed_attempts, locked_until FROM admins WHERE username = :u")
                .bind("u", user).map((rs, ctx) -> new Row(rs.getString(1), rs.getString(2), rs.getInt(3),
                        Optional.ofNullable(rs.getTimestamp(4)).map(java.sql.Timestamp::toInstant))).findOne());
        if (row.isEmpty()) {
            bcrypt.matches(password, decoy);
            return new SignIn.Refused("Wrong user name or password.");
        }
        if (row.get().lockedUntil().filter(now::isBefore).isPresent()) {
            return new SignIn.Refused("Too many failed sign-ins: this account is locked for a few minutes. Try again later.");
        }
        if (!bcrypt.matches(password, row.get().hash())) {
            int failures = row.get().failures() + 1;
            boolean lock = failures >= MAX_FAILURES;
            jdbi.useTransaction(h -> {
                h.createUpdate("UPDATE admins SET failed_attempts = :f, locked_until = :l WHERE username = :u")
                        .bind("f", lock ? 0 : failures).bind("l", lock ? now.plus(LOCK) : null).bind("u", user).execute();
                if (lock) {
                    audit.record(h, Optional.of(row.get().account()), user, "admin.locked", MAX_FAILURES + " failed sign-ins from " + client);
                }
            });
            return new SignIn.Refused(lock ? "Too many failed sign-ins: this account is locked for a few minutes. Try again later."
                    : "Wrong user name or password.");
        }
        String id = secrets.deviceToken().substring(4);
        String csrf = secrets.deviceToken().substring(4);
        jdbi.useTransaction(h -> {
            h.createUpdate("UPDATE admins SET failed_attempts = 0, locked_until = NULL WHERE username = :u").bind("u", user).execute();
            h.createUpdate("DELETE FROM admin_sessions WHERE expires_at < :now").bind("now", now).execute();
            h.createUpdate("INSERT INTO admin_sessions (id_hash, username, csrf, created_at, expires_at) VALUES (:h, :u, :c, :now, :exp)")
                    .bind("h", Secrets.sha256(id)).bind("u", user).bind("c", csrf).bind("now", now).bind("exp", now.plus(SESSION)).execute();
            audit.record(h, Optional.of(row.get().account()), user, "admin.sign-in", "signed in from " + client);
        });
        return new SignIn.Ok(id, new Session(user, row.get().account(), csrf));
    }

    public Optional<Session> session(Optional<String> cookie) {
        return cookie.filter(c -> c.length() >= 20 && c.length() <= 100).flatMap(id -> jdbi.withHandle(h -> h.createQuery(
                        "SELECT s.username, a.account_id, s.csrf FROM admin_sessions s JOIN admins a ON a.username = s.username "
                                + "WHERE s.id_hash = :h AND s.expires_at > :now")
                .bind("h", Secrets.sha256(id)).bind("now", clock.instant())
                .map((rs, ctx) -> new Session(rs.getString(1), rs.getString(2), rs.getString(3))).findOne()));
    }

    public void signOut(String cookie) {
        jdbi.useHandle(h -> h.createUpdate("DELETE FROM admin_sessions WHERE id_hash = :h").bind("h", Secrets.sha256(cookie)).execute());
    }
}
