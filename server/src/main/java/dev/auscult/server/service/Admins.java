package dev.auscult.server.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * Console administrators: bcrypt-hashed passwords (Spring Security's encoder, cost 12), holds after repeated
 * failures counted per name and client, per client and per name (so a guesser cannot lock the owner out from
 * another machine), and server-side sessions — a random ID in an HttpOnly cookie, stored hashed with the
 * session's CSRF token and an expiry — so any server instance can serve any request.
 */
public final class Admins {

    public record Session(String username, String accountId, String csrf, Role role) {
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

    /** The longest any hold lasts. */
    static final Duration LOCK = Duration.ofMinutes(15);
    static final Duration SESSION = Duration.ofHours(8);
    private static final int MIN_PASSWORD = 12;

    private final Jdbi jdbi;
    private final Secrets secrets;
    private final Audit audit;
    private final Clock clock;
    private final Attempts attempts;
    private final BCryptPasswordEncoder bcrypt = new BCryptPasswordEncoder(12);
    /** Compared against when the user does not exist, so a wrong name costs the same time as a wrong password. */
    private final String decoy;

    public Admins(Jdbi jdbi, Secrets secrets, Audit audit, Clock clock, Attempts attempts) {
        this.jdbi = jdbi;
        this.attempts = attempts;
        this.secrets = secrets;
        this.audit = audit;
        this.clock = clock;
        this.decoy = bcrypt.encode("decoy-password-never-used");
    }

    public void create(String accountId, String username, String password, String actor) {
        create(accountId, username, password, Role.OWNER, actor);
    }

    /** An owner adds an administrator (the console, the API): only a role that may manage administrators can. */
    public void create(String accountId, String username, String password, Role role, Actor by) {
        by.require(Role.Permission.ADMINISTRATORS, accountId);
        create(accountId, username, password, role, by.audited());
    }

    /**
     * The server operator's path (the admin command line, which makes the first owner): whoever runs it holds the
     * server's database, so there is no role to check. Console and API callers use the {@link Actor} form.
     */
    public void create(String accountId, String username, String password, Role role, String actor) {
        if (password.length() < MIN_PASSWORD) {
            throw new IllegalArgumentException("a password needs at least " + MIN_PASSWORD + " characters");
        }
        String user = username.strip().toLowerCase(java.util.Locale.ROOT);
        jdbi.useTransaction(h -> {
            if (h.createQuery("SELECT count(*) FROM admins WHERE username = :u").bind("u", user).mapTo(Integer.class).one() > 0) {
                throw new IllegalArgumentException("administrator " + user + " exists already");
            }
            h.createUpdate("INSERT INTO admins (username, account_id, password_hash, created_at, failed_attempts, role) VALUES (:u, :a, :p, :now, 0, :r)")
                    .bind("u", user).bind("a", accountId).bind("p", bcrypt.encode(password)).bind("now", clock.instant()).bind("r", role.name()).execute();
            audit.record(Optional.of(accountId), actor, "admin.create", "administrator " + user + " (" + role.label() + ")");
        });
    }

    /**
     * One answer for every refusal — unknown name, wrong password, or a hold after too many tries — given after the
     * same bcrypt work, so neither the words nor the time tell which administrators exist or who is held.
     */
    public static final String REFUSED = "Wrong user name or password. After several wrong tries, wait a few minutes before trying again.";

    /** Tries per administrator name from one client: the guesser is held, the owner on another machine is not. */
    static final Attempts.Rule PER_NAME_AND_CLIENT = new Attempts.Rule(5, Duration.ofMinutes(15), Duration.ofSeconds(30), LOCK);
    /** Tries from one client across names: one address guessing many names is held. */
    static final Attempts.Rule PER_CLIENT = new Attempts.Rule(20, Duration.ofMinutes(15), Duration.ofMinutes(1), LOCK);
    /** Tries on one name from everywhere: a distributed guess is held too, at a bound no single client reaches. */
    static final Attempts.Rule PER_NAME = new Attempts.Rule(50, Duration.ofMinutes(15), Duration.ofMinutes(1), LOCK);

    public SignIn signIn(String username, String password, String client) {
        String user = username.strip().toLowerCase(java.util.Locale.ROOT);
        Instant now = clock.instant();
        record Row(String hash, String account, Role role, String source) {
        }
        Optional<Row> row = jdbi.withHandle(h -> h.createQuery("SELECT password_hash, account_id, role, source FROM admins WHERE username = :u")
                .bind("u", user).map((rs, ctx) -> new Row(rs.getString(1), rs.getString(2), Role.valueOf(rs.getString(3)), rs.getString(4))).findOne());
        // every try is counted before it is evaluated: concurrent guesses cannot overshoot an allowance
        List<Attempts.Turn> turns = List.of(attempts.take(pairKey(user, client), PER_NAME_AND_CLIENT), attempts.take(clientKey(client), PER_CLIENT),
                attempts.take(nameKey(user), PER_NAME));
        boolean held = turns.stream().anyMatch(t -> t instanceof Attempts.Turn.Held);
        boolean matches = bcrypt.matches(password, row.map(Row::hash).orElse(decoy)) && row.isPresent() && "password".equals(row.get().source());
        if (held || !matches) {
            if (row.isPresent() && turns.stream().anyMatch(t -> t instanceof Attempts.Turn.Held h && h.placed())) {
                audit.record(Optional.of(row.get().account()), user, "admin.held", "sign-ins held after repeated failures from " + client
                        + "; another administrator can lift it: auscult-server admin unlock-admin " + user);
            }
            return new SignIn.Refused(REFUSED);
        }
        attempts.clear(pairKey(user, client));
        attempts.clear(nameKey(user));
        attempts.giveBack(clientKey(client));
        boolean ownersOnly = jdbi.withHandle(h -> h.createQuery("SELECT password_owners_only FROM account_sso WHERE account_id = :a")
                .bind("a", row.get().account()).mapTo(Boolean.class).findOne().orElse(false));
        if (ownersOnly && row.get().role() != Role.OWNER) {
            audit.record(Optional.of(row.get().account()), user, "admin.refused", "password sign-in refused: the account keeps it for owners only");
            return new SignIn.Refused("Your organisation signs administrators in through its identity provider: use \u201cSign in with single sign-on\u201d.");
        }
        return session(user, row.get().account(), row.get().role(), "signed in from " + client);
    }

    /**
     * A person the organisation's identity provider signed in, with the role their groups map to now: made an
     * administrator at the first sign-in, their role brought up to date at every one. A name that has a password
     * account stays a password account (no one gains another's role through the provider).
     */
    public SignIn signInSso(String accountId, String email, Role role, String via, String client) {
        String user = email.strip().toLowerCase(java.util.Locale.ROOT);
        record Known(String account, String source) {
        }
        Optional<Known> known = jdbi.withHandle(h -> h.createQuery("SELECT account_id, source FROM admins WHERE username = :u").bind("u", user)
                .map((rs, ctx) -> new Known(rs.getString(1), rs.getString(2))).findOne());
        if (known.isPresent() && (!known.get().account().equals(accountId) || !"sso".equals(known.get().source()))) {
            audit.record(Optional.of(accountId), user, "admin.refused", "single sign-on refused: the name " + user + " has a password account");
            return new SignIn.Refused("The name " + user + " already has a password for this console: sign in with it.");
        }
        Instant now = clock.instant();
        jdbi.useTransaction(h -> {
            if (known.isEmpty()) {
                h.createUpdate("INSERT INTO admins (username, account_id, password_hash, created_at, failed_attempts, role, source) "
                                + "VALUES (:u, :a, :p, :now, 0, :r, 'sso')")
                        .bind("u", user).bind("a", accountId).bind("p", decoy).bind("now", now).bind("r", role.name()).execute();
                audit.record(Optional.of(accountId), "sso", "admin.create", "administrator " + user + " (" + role.label() + "), from " + via);
            } else {
                h.createUpdate("UPDATE admins SET role = :r WHERE username = :u").bind("r", role.name()).bind("u", user).execute();
            }
        });
        return session(user, accountId, role, "signed in through " + via + " as " + role.label() + " from " + client);
    }

    private SignIn session(String user, String accountId, Role role, String auditDetail) {
        Instant now = clock.instant();
        String id = secrets.deviceToken().substring(4);
        String csrf = secrets.deviceToken().substring(4);
        jdbi.useTransaction(h -> {
            h.createUpdate("DELETE FROM admin_sessions WHERE expires_at < :now").bind("now", now).execute();
            h.createUpdate("INSERT INTO admin_sessions (id_hash, username, csrf, created_at, expires_at) VALUES (:h, :u, :c, :now, :exp)")
                    .bind("h", Secrets.sha256(id)).bind("u", user).bind("c", csrf).bind("now", now).bind("exp", now.plus(SESSION)).execute();
            audit.record(Optional.of(accountId), user, "admin.sign-in", auditDetail);
        });
        return new SignIn.Ok(id, new Session(user, accountId, csrf, role));
    }

    /**
     * How often sign-ins to this administrator's name were held since their previous sign-in: told on the
     * overview, so the owner learns someone guessed at their password. Read from the audit log, not from anything
     * a request can carry.
     */
    public int holdsSinceLastSignIn(String accountId, String username) {
        return jdbi.withHandle(h -> {
            java.util.List<Instant> signIns = h.createQuery("SELECT at FROM audit_log WHERE account_id = :a AND actor = :u AND action = 'admin.sign-in' "
                    + "ORDER BY at DESC LIMIT 2").bind("a", accountId).bind("u", username).mapTo(Instant.class).list();
            Instant since = signIns.size() > 1 ? signIns.get(1) : Instant.EPOCH;
            return h.createQuery("SELECT count(*) FROM audit_log WHERE account_id = :a AND actor = :u AND action = 'admin.held' AND at > :since")
                    .bind("a", accountId).bind("u", username).bind("since", since).mapTo(Integer.class).one();
        });
    }

    /** Lifts every hold on an administrator's name (another administrator's act, audited). False when there is no such administrator. */
    public boolean unlock(String username, String actor) {
        String user = username.strip().toLowerCase(java.util.Locale.ROOT);
        Optional<String> account = jdbi.withHandle(h -> h.createQuery("SELECT account_id FROM admins WHERE username = :u").bind("u", user)
                .mapTo(String.class).findOne());
        if (account.isEmpty()) {
            return false;
        }
        int lifted = attempts.clearAll("signin:pair:" + user + "|") + attempts.clearAll(nameKey(user));
        audit.record(account, actor, "admin.unlock", "lifted " + lifted + " sign-in holds on " + user);
        return true;
    }

    private static String pairKey(String user, String client) {
        return "signin:pair:" + user + "|" + client;
    }

    private static String clientKey(String client) {
        return "signin:client:" + client;
    }

    private static String nameKey(String user) {
        return "signin:name:" + user;
    }

    public Optional<Session> session(Optional<String> cookie) {
        return cookie.filter(c -> c.length() >= 20 && c.length() <= 100).flatMap(id -> jdbi.withHandle(h -> h.createQuery(
                        "SELECT s.username, a.account_id, s.csrf, a.role FROM admin_sessions s JOIN admins a ON a.username = s.username "
                                + "WHERE s.id_hash = :h AND s.expires_at > :now")
                .bind("h", Secrets.sha256(id)).bind("now", clock.instant())
                .map((rs, ctx) -> new Session(rs.getString(1), rs.getString(2), rs.getString(3), Role.valueOf(rs.getString(4)))).findOne()));
    }

    /** An administrator of an account as the console lists them; {@code heldUntil}: sign-ins to the name are held. */
    public record Admin(String username, Instant createdAt, Optional<Instant> heldUntil, Role role) {
    }

    /** The account's administrators (never another account's). */
    public List<Admin> list(String accountId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT username, created_at, role FROM admins WHERE account_id = :a ORDER BY username")
                .bind("a", accountId).map((rs, ctx) -> new Admin(rs.getString(1), rs.getTimestamp(2).toInstant(),
                        attempts.heldUntil(nameKey(rs.getString(1))), Role.valueOf(rs.getString(3)))).list());
    }

    /**
     * Gives an administrator of this account another role. An account keeps at least one owner: the last owner
     * cannot be made something else (nobody could then manage administrators or settings).
     */
    public boolean changeRole(String accountId, String username, Role role, Actor by) {
        by.require(Role.Permission.ADMINISTRATORS, accountId);
        String actor = by.audited();
        String user = username.strip().toLowerCase(java.util.Locale.ROOT);
        return jdbi.inTransaction(h -> {
            if (!inAccount(h, accountId, user)) {
                return false;
            }
            int owners = h.createQuery("SELECT count(*) FROM admins WHERE account_id = :a AND role = 'OWNER' AND username <> :u")
                    .bind("a", accountId).bind("u", user).mapTo(Integer.class).one();
            if (role != Role.OWNER && owners == 0) {
                throw new IllegalArgumentException(user + " is the account's last owner; make someone else an owner first");
            }
            h.createUpdate("UPDATE admins SET role = :r WHERE username = :u").bind("r", role.name()).bind("u", user).execute();
            audit.record(Optional.of(accountId), actor, "admin.role", user + " is now " + role.label());
            return true;
        });
    }

    private boolean inAccount(org.jdbi.v3.core.Handle h, String accountId, String user) {
        return h.createQuery("SELECT count(*) FROM admins WHERE username = :u AND account_id = :a").bind("u", user).bind("a", accountId)
                .mapTo(Integer.class).one() > 0;
    }

    /**
     * Lifts the holds on a name of this account (the console's act; an administrator of another account gets
     * false, as for a name that does not exist).
     */
    public boolean unlock(String accountId, String username, Actor by) {
        by.require(Role.Permission.ADMINISTRATORS, accountId);
        String actor = by.audited();
        String user = username.strip().toLowerCase(java.util.Locale.ROOT);
        if (!jdbi.withHandle(h -> inAccount(h, accountId, user))) {
            return false;
        }
        return unlock(user, actor);
    }

    /**
     * Sets another administrator's password (one who forgot theirs), typed by the administrator who sets it — no
     * password is ever shown on a page; the name's holds are lifted and its sessions end.
     */
    public boolean setPassword(String accountId, String username, String password, Actor by) {
        by.require(Role.Permission.ADMINISTRATORS, accountId);
        String actor = by.audited();
        if (password.length() < MIN_PASSWORD) {
            throw new IllegalArgumentException("a password needs at least " + MIN_PASSWORD + " characters");
        }
        String user = username.strip().toLowerCase(java.util.Locale.ROOT);
        boolean done = jdbi.inTransaction(h -> {
            if (!inAccount(h, accountId, user)) {
                return false;
            }
            h.createUpdate("UPDATE admins SET password_hash = :p WHERE username = :u").bind("p", bcrypt.encode(password)).bind("u", user).execute();
            h.createUpdate("DELETE FROM admin_sessions WHERE username = :u").bind("u", user).execute();
            audit.record(Optional.of(accountId), actor, "admin.password", "new password set for " + user + "; their sessions ended");
            return true;
        });
        if (done) {
            attempts.clearAll("signin:pair:" + user + "|");
            attempts.clear(nameKey(user));
        }
        return done;
    }

    /** Removes an administrator of this account (not oneself: an account keeps someone who can sign in). */
    public boolean remove(String accountId, String username, Actor by) {
        by.require(Role.Permission.ADMINISTRATORS, accountId);
        String actor = by.audited();
        String user = username.strip().toLowerCase(java.util.Locale.ROOT);
        if (user.equals(Audit.person(actor))) {
            throw new IllegalArgumentException("you cannot remove yourself; another administrator can");
        }
        return jdbi.inTransaction(h -> {
            if (!inAccount(h, accountId, user)) {
                return false;
            }
            h.createUpdate("DELETE FROM admin_sessions WHERE username = :u").bind("u", user).execute();
            h.createUpdate("DELETE FROM admins WHERE username = :u").bind("u", user).execute();
            audit.record(Optional.of(accountId), actor, "admin.remove", "administrator " + user + " removed");
            return true;
        });
    }

    public void signOut(String cookie) {
        jdbi.useHandle(h -> h.createUpdate("DELETE FROM admin_sessions WHERE id_hash = :h").bind("h", Secrets.sha256(cookie)).execute());
    }
}
