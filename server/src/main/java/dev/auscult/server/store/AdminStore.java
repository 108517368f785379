package dev.auscult.server.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The {@code admins} and {@code admin_sessions} tables. An administrator's name is unique on the server and names no
 * account, so signing in and finding a session are the two lookups across accounts — named so; everything an
 * administrator does to another is scoped to the account.
 */
public interface AdminStore {

    /** An administrator as signing in needs them: {@code role} as stored (the service's {@code Role}), {@code source}: "password" or "sso". */
    record Credentials(String username, Account account, String passwordHash, String role, String source) {
        @Override
        public String toString() {
            return "Credentials[" + username + "@" + account + ", " + role + ", " + source + "]";
        }
    }

    /** An administrator as the console lists them. */
    record Listed(String username, Instant createdAt, String role) {
    }

    /** A live session: whose, in which account, its CSRF token and the administrator's role now. */
    record LiveSession(String username, Account account, String csrf, String role) {
        @Override
        public String toString() {
            return "LiveSession[" + username + "@" + account + "]";
        }
    }

    /** Signing in: the name is all the person gives. */
    Optional<Credentials> byNameAcrossAccounts(String username);

    void insert(Account account, String username, String passwordHash, String role, String source, Instant at);

    /** False when the account has no administrator of that name. */
    boolean setRole(Account account, String username, String role);

    /** How many owners the account has besides {@code username}. */
    int otherOwners(Account account, String username);

    boolean exists(Account account, String username);

    /** Sets the password hash and ends the name's sessions; false when the account has no administrator of that name. */
    boolean setPassword(Account account, String username, String passwordHash);

    /** Removes the administrator and their sessions; false when the account has no administrator of that name. */
    boolean remove(Account account, String username);

    /** By name. */
    List<Listed> list(Account account);

    /** Opens a session (and clears sessions that expired). */
    void openSession(Account account, String username, String idHash, String csrf, Instant at, Instant expiresAt);

    /** The session a cookie's hash names, while it lasts: the cookie is all a browser shows. */
    Optional<LiveSession> sessionAcrossAccounts(String idHash, Instant now);

    /** Signing out: the session a cookie's hash names ends. */
    void endSessionAcrossAccounts(String idHash);
}
