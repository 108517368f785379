package dev.auscult.server.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * API tokens: made by an owner for one role and a number of days, shown once (as a file download), stored as a
 * SHA-256 hash, with the last time each was used; revoked at once. A caller is the account, the role and the door
 * ("api:NAME") the audit log records.
 */
public final class ApiTokens {

    /** Who an API call acts as. */
    public record Caller(String accountId, Role role, String name) {
        /** The actor the audit log records: the door and the token's name. */
        public String actor() {
            return acting().audited();
        }

        /** The token as the services take it: its account, its role, the API as the door. */
        public Actor acting() {
            return new Actor(accountId, name, role, Actor.Door.API);
        }
    }

    public record Token(long id, String name, Role role, Instant createdAt, String createdBy, Instant expiresAt, Optional<Instant> lastUsedAt,
                        Optional<Instant> revokedAt) {
    }

    /** The token itself is returned here only. */
    public record Made(Token token, String secret) {
    }

    static final Duration LONGEST = Duration.ofDays(366);

    private final Jdbi jdbi;
    private final Secrets secrets;
    private final Audit audit;
    private final Clock clock;

    public ApiTokens(Jdbi jdbi, Secrets secrets, Audit audit, Clock clock) {
        this.jdbi = jdbi;
        this.secrets = secrets;
        this.audit = audit;
        this.clock = clock;
    }

    public Made create(String accountId, String name, Role role, int days, Actor by) {
        by.require(Role.Permission.SETTINGS, accountId);
        String actor = by.audited();
        String n = name.strip();
        if (n.isEmpty() || n.length() > 100 || n.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("a token needs a name of 1 to 100 characters (what uses it: \"ticketing\", \"nightly export\")");
        }
        if (days < 1 || days > LONGEST.toDays()) {
            throw new IllegalArgumentException("a token lasts from 1 to " + LONGEST.toDays() + " days, not " + days);
        }
        String secret = "ausk_" + secrets.deviceToken().substring(4);
        Instant now = clock.instant();
        Instant expires = now.plus(Duration.ofDays(days));
        long id = jdbi.inTransaction(h -> {
            long made = h.createUpdate("INSERT INTO api_tokens (account_id, name, token_hash, role, created_at, created_by, expires_at) "
                            + "VALUES (:a, :n, :h, :r, :now, :by, :exp)")
                    .bind("a", accountId).bind("n", n).bind("h", Secrets.sha256(secret)).bind("r", role.name()).bind("now", now)
                    .bind("by", actor).bind("exp", expires).executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
            audit.record(Optional.of(accountId), actor, "api.token", "API token \u201c" + n + "\u201d made for the role " + role.label()
                    + ", until " + expires.toString().substring(0, 10));
            return made;
        });
        return new Made(new Token(id, n, role, now, actor, expires, Optional.empty(), Optional.empty()), secret);
    }

    public List<Token> list(String accountId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT id, name, role, created_at, created_by, expires_at, last_used_at, revoked_at "
                        + "FROM api_tokens WHERE account_id = :a ORDER BY id DESC").bind("a", accountId)
                .map((rs, ctx) -> new Token(rs.getLong("id"), rs.getString("name"), Role.valueOf(rs.getString("role")),
                        rs.getTimestamp("created_at").toInstant(), rs.getString("created_by"), rs.getTimestamp("expires_at").toInstant(),
                        Optional.ofNullable(rs.getTimestamp("last_used_at")).map(java.sql.Timestamp::toInstant),
                        Optional.ofNullable(rs.getTimestamp("revoked_at")).map(java.sql.Timestamp::toInstant))).list());
    }

    public boolean revoke(String accountId, long id, Actor by) {
        by.require(Role.Permission.SETTINGS, accountId);
        String actor = by.audited();
        return jdbi.inTransaction(h -> {
            boolean done = h.createUpdate("UPDATE api_tokens SET revoked_at = :now WHERE id = :id AND account_id = :a AND revoked_at IS NULL")
                    .bind("now", clock.instant()).bind("id", id).bind("a", accountId).execute() == 1;
            if (done) {
                audit.record(Optional.of(accountId), actor, "api.token", "API token #" + id + " revoked");
            }
            return done;
        });
    }

    /** The caller a bearer token stands for: empty when it is unknown, expired or revoked. Marks it used. */
    public Optional<Caller> caller(Optional<String> authorization) {
        Instant now = clock.instant();
        return authorization.filter(a -> a.regionMatches(true, 0, "Bearer ", 0, 7)).map(a -> a.substring(7).strip())
                .filter(t -> t.startsWith("ausk_") && t.length() < 200)
                .flatMap(t -> jdbi.inTransaction(h -> {
                    Optional<Caller> c = h.createQuery("SELECT account_id, role, name FROM api_tokens WHERE token_hash = :h AND revoked_at IS NULL "
                                    + "AND expires_at > :now").bind("h", Secrets.sha256(t)).bind("now", now)
                            .map((rs, ctx) -> new Caller(rs.getString(1), Role.valueOf(rs.getString(2)), rs.getString(3))).findOne();
                    if (c.isPresent()) {
                        h.createUpdate("UPDATE api_tokens SET last_used_at = :now WHERE token_hash = :h").bind("now", now)
                                .bind("h", Secrets.sha256(t)).execute();
                    }
                    return c;
                }));
    }
}
