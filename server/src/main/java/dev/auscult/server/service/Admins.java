package dev.auscult.server.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import dev.auscult.server.store.Account;
import dev.auscult.server.store.AdminStore;
import dev.auscult.server.store.SsoStore;
import dev.auscult.server.store.Tx;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * Console administrators: bcrypt-hashed passwords (Spring Security's encoder, cost 12), holds after repeated
 * failures counted per name and client, per client and per name (so a guesser cannot lock the owner out from
 * another machine), and server-side sessions — a random ID in an HttpOnly cookie, stored hashed with the
 * session's CSRF token and an expiry — so any server instance can serve any request.
 */
public final class Admins {

    /** A console session, and the account its administrator belongs to. */
    public record Session(String username, Account account, String csrf, Role role) {

        public String accountId() {
            return account.id();
        }

        @Override
        public String toString() {
            return "Session[" + username + "@" + account + "]";
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

    private final Tx tx;
    private final Secrets secrets;
    private final Audit audit;
    private final Clock clock;
    private final Attempts attempts;
    private final BCryptPasswordEncoder bcrypt = new BCryptPasswordEncoder(12);
    /** Compared against when the user does not exist, so a wrong name costs the same time as a wrong password. */
    private final String decoy;

    public Admins(Tx tx, Secrets secrets, Audit audit, Clock clock, Attempts attempts) {
        this.tx = tx;
        this.attempts = attempts;
        this.secrets = secrets;
        this.audit = audit;
        this.clock = clock;
        this.decoy = bcrypt.encode("decoy-password-never-used");
    }

    public void create(Account account, String username, String password, String actor) {
        create(account, username, password, Role.OWNER, actor);
    }

    /** An owner adds an administrator (the console, the API): only a role that may manage administrators can. */
    public void create(Account account, String username, String password, Role role, Actor by) {
        by.require(Role.Permission.ADMINISTRATORS, account.id());
        create(account, username, password, role, by.audited());
    }

    /**
     * The server operator's path (the admin command line, which makes the first owner): whoever runs it holds the
     * server's database, so there is no role to check. Console and API callers use the {@link Actor} form.
     */
    public void create(Account account, String username, String password, Role role, String actor) {
        if (password.length() < MIN_PASSWORD) {
            throw new IllegalArgumentException("a password needs at least " + MIN_PASSWORD + " characters");
        }
        String user = username.strip().toLowerCase(java.util.Locale.ROOT);
        String hash = bcrypt.encode(password);
        tx.use(s -> {
            if (s.admins().byNameAcrossAccounts(user).isPresent()) {
                throw new IllegalArgumentException("administrator " + user + " exists already");
            }
            s.admins().insert(account, user, hash, role.name(), "password", clock.instant());
            audit.record(Optional.of(account.id()), actor, "admin.create", "administrator " + user + " (" + role.label() + ")");
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
        Optional<AdminStore.Credentials> row = tx.read(s -> s.admins().byNameAcrossAccounts(user));
        // every try is counted before it is evaluated: concurrent guesses cannot overshoot an allowance
        List<Attempts.Turn> turns = List.of(attempts.take(pairKey(user, client), PER_NAME_AND_CLIENT), attempts.take(clientKey(client), PER_CLIENT),
                attempts.take(nameKey(user), PER_NAME));
        boolean held = turns.stream().anyMatch(t -> t instanceof Attempts.Turn.Held);
        boolean matches = bcrypt.matches(password, row.map(AdminStore.Credentials::passwordHash).orElse(decoy)) && row.isPresent() && "password".equals(row.get().source());
        if (held || !matches) {
            if (row.isPresent() && turns.stream().anyMatch(t -> t instanceof Attempts.Turn.Held h && h.placed())) {
                audit.record(Optional.of(row.get().account().id()), user, "admin.held", "sign-ins held after repeated failures from " + client
                        + "; another administrator can lift it: auscult-server admin unlock-admin " + user);
            }
            return new SignIn.Refused(REFUSED);
        }
        attempts.clear(pairKey(user, client));
        attempts.clear(nameKey(user));
        attempts.giveBack(clientKey(client));
        Account account = row.get().account();
        Role role = Role.valueOf(row.get().role());
        if (role != Role.OWNER && tx.read(s -> s.sso().find(account)).filter(SsoStore.Provider::passwordOwnersOnly).isPresent()) {
            audit.record(Optional.of(account.id()), user, "admin.refused", "password sign-in refused: the account keeps it for owners only");
            return new SignIn.Refused("Your organisation signs administrators in through its identity provider: use \u201cSign in with single sign-on\u201d.");
        }
        return session(user, account, role, "signed in from " + client);
    }

    /**
     * A person the organisation's identity provider signed in, with the role their groups map to now: made an
     * administrator at the first sign-in, their role brought up to date at every one. A name that has a password
     * account stays a password account (no one gains another's role through the provider).
     */
    public SignIn signInSso(Account account, String email, Role role, String via, String client) {
        String user = email.strip().toLowerCase(java.util.Locale.ROOT);
        Optional<AdminStore.Credentials> known = tx.read(s -> s.admins().byNameAcrossAccounts(user));
        if (known.isPresent() && (!known.get().account().equals(account) || !"sso".equals(known.get().source()))) {
            audit.record(Optional.of(account.id()), user, "admin.refused", "single sign-on refused: the name " + user + " has a password account");
            return new SignIn.Refused("The name " + user + " already has a password for this console: sign in with it.");
        }
        Instant now = clock.instant();
        tx.use(s -> {
            if (known.isEmpty()) {
                s.admins().insert(account, user, decoy, role.name(), "sso", now);
                audit.record(Optional.of(account.id()), "sso", "admin.create", "administrator " + user + " (" + role.label() + "), from " + via);
            } else {
                s.admins().setRole(account, user, role.name());
            }
        });
        return session(user, account, role, "signed in through " + via + " as " + role.label() + " from " + client);
    }

    private SignIn session(String user, Account account, Role role, String auditDetail) {
        Instant now = clock.instant();
        String id = secrets.deviceToken().substring(4);
        String csrf = secrets.deviceToken().substring(4);
        tx.use(s -> {
            s.admins().openSession(account, user, Secrets.sha256(id), csrf, now, now.plus(SESSION));
            audit.record(Optional.of(account.id()), user, "admin.sign-in", auditDetail);
        });
        return new SignIn.Ok(id, new Session(user, account, csrf, role));
    }

    /**
     * How often sign-ins to this administrator's name were held since their previous sign-in: told on the
     * overview, so the owner learns someone guessed at their password. Read from the audit log, not from anything
     * a request can carry.
     */
    public int holdsSinceLastSignIn(Account account, String username) {
        return tx.read(s -> {
            List<Instant> signIns = s.audit().times(account, username, "admin.sign-in", 2);
            Instant since = signIns.size() > 1 ? signIns.get(1) : Instant.EPOCH;
            return s.audit().countAfter(account, username, "admin.held", since);
        });
    }

    /** Lifts every hold on an administrator's name (another administrator's act, audited). False when there is no such administrator. */
    public boolean unlock(String username, String actor) {
        String user = username.strip().toLowerCase(java.util.Locale.ROOT);
        Optional<String> account = tx.read(s -> s.admins().byNameAcrossAccounts(user)).map(c -> c.account().id());
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
        return cookie.filter(c -> c.length() >= 20 && c.length() <= 100)
                .flatMap(id -> tx.read(s -> s.admins().sessionAcrossAccounts(Secrets.sha256(id), clock.instant())))
                .map(l -> new Session(l.username(), l.account(), l.csrf(), Role.valueOf(l.role())));
    }

    /** An administrator of an account as the console lists them; {@code heldUntil}: sign-ins to the name are held. */
    public record Admin(String username, Instant createdAt, Optional<Instant> heldUntil, Role role) {
    }

    /** The account's administrators (never another account's). */
    public List<Admin> list(Account account) {
        return tx.read(s -> s.admins().list(account)).stream()
                .map(a -> new Admin(a.username(), a.createdAt(), attempts.heldUntil(nameKey(a.username())), Role.valueOf(a.role()))).toList();
    }

    /**
     * Gives an administrator of this account another role. An account keeps at least one owner: the last owner
     * cannot be made something else (nobody could then manage administrators or settings).
     */
    public boolean changeRole(Account account, String username, Role role, Actor by) {
        by.require(Role.Permission.ADMINISTRATORS, account.id());
        String actor = by.audited();
        String user = username.strip().toLowerCase(java.util.Locale.ROOT);
        return tx.run(s -> {
            if (!s.admins().exists(account, user)) {
                return false;
            }
            if (role != Role.OWNER && s.admins().otherOwners(account, user) == 0) {
                throw new IllegalArgumentException(user + " is the account's last owner; make someone else an owner first");
            }
            s.admins().setRole(account, user, role.name());
            audit.record(Optional.of(account.id()), actor, "admin.role", user + " is now " + role.label());
            return true;
        });
    }

    /**
     * Lifts the holds on a name of this account (the console's act; an administrator of another account gets
     * false, as for a name that does not exist).
     */
    public boolean unlock(Account account, String username, Actor by) {
        by.require(Role.Permission.ADMINISTRATORS, account.id());
        String actor = by.audited();
        String user = username.strip().toLowerCase(java.util.Locale.ROOT);
        if (!tx.read(s -> s.admins().exists(account, user))) {
            return false;
        }
        return unlock(user, actor);
    }

    /**
     * Sets another administrator's password (one who forgot theirs), typed by the administrator who sets it — no
     * password is ever shown on a page; the name's holds are lifted and its sessions end.
     */
    public boolean setPassword(Account account, String username, String password, Actor by) {
        by.require(Role.Permission.ADMINISTRATORS, account.id());
        String actor = by.audited();
        if (password.length() < MIN_PASSWORD) {
            throw new IllegalArgumentException("a password needs at least " + MIN_PASSWORD + " characters");
        }
        String user = username.strip().toLowerCase(java.util.Locale.ROOT);
        String hash = bcrypt.encode(password);
        boolean done = tx.run(s -> {
            if (!s.admins().setPassword(account, user, hash)) {
                return false;
            }
            audit.record(Optional.of(account.id()), actor, "admin.password", "new password set for " + user + "; their sessions ended");
            return true;
        });
        if (done) {
            attempts.clearAll("signin:pair:" + user + "|");
            attempts.clear(nameKey(user));
        }
        return done;
    }

    /** Removes an administrator of this account (not oneself: an account keeps someone who can sign in). */
    public boolean remove(Account account, String username, Actor by) {
        by.require(Role.Permission.ADMINISTRATORS, account.id());
        String actor = by.audited();
        String user = username.strip().toLowerCase(java.util.Locale.ROOT);
        if (user.equals(Audit.person(actor))) {
            throw new IllegalArgumentException("you cannot remove yourself; another administrator can");
        }
        return tx.run(s -> {
            if (!s.admins().remove(account, user)) {
                return false;
            }
            audit.record(Optional.of(account.id()), actor, "admin.remove", "administrator " + user + " removed");
            return true;
        });
    }

    public void signOut(String cookie) {
        tx.use(s -> s.admins().endSessionAcrossAccounts(Secrets.sha256(cookie)));
    }
}
