package dev.auscult.server.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import dev.auscult.server.store.Account;
import dev.auscult.server.store.Tx;

/**
 * API tokens: made by an owner for one role and a number of days, shown once (as a file download), stored as a
 * SHA-256 hash, with the last time each was used; revoked at once. A caller is the account, the role and the door
 * ("api:NAME") the audit log records.
 */
public final class ApiTokens {

    /** Who an API call acts as. */
    public record Caller(Account account, Role role, String name) {

        public String accountId() {
            return account.id();
        }

        /** The actor the audit log records: the door and the token's name. */
        public String actor() {
            return acting().audited();
        }

        /** The token as the services take it: its account, its role, the API as the door. */
        public Actor acting() {
            return new Actor(account.id(), name, role, Actor.Door.API);
        }
    }

    public record Token(long id, String name, Role role, Instant createdAt, String createdBy, Instant expiresAt, Optional<Instant> lastUsedAt,
                        Optional<Instant> revokedAt) {
    }

    /** The token itself is returned here only. */
    public record Made(Token token, String secret) {
    }

    static final Duration LONGEST = Duration.ofDays(366);

    private final Tx tx;
    private final Secrets secrets;
    private final Audit audit;
    private final Clock clock;

    public ApiTokens(Tx tx, Secrets secrets, Audit audit, Clock clock) {
        this.tx = tx;
        this.secrets = secrets;
        this.audit = audit;
        this.clock = clock;
    }

    public Made create(Account account, String name, Role role, int days, Actor by) {
        by.require(Role.Permission.SETTINGS, account.id());
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
        long id = tx.run(s -> {
            long made = s.tokens().addApiToken(account, n, Secrets.sha256(secret), role.name(), actor, now, expires);
            audit.record(Optional.of(account.id()), actor, "api.token", "API token \u201c" + n + "\u201d made for the role " + role.label()
                    + ", until " + expires.toString().substring(0, 10));
            return made;
        });
        return new Made(new Token(id, n, role, now, actor, expires, Optional.empty(), Optional.empty()), secret);
    }

    public List<Token> list(Account account) {
        return tx.read(s -> s.tokens().apiTokens(account)).stream()
                .map(t -> new Token(t.id(), t.name(), Role.valueOf(t.role()), t.createdAt(), t.createdBy(), t.expiresAt(), t.lastUsedAt(), t.revokedAt()))
                .toList();
    }

    public boolean revoke(Account account, long id, Actor by) {
        by.require(Role.Permission.SETTINGS, account.id());
        String actor = by.audited();
        return tx.run(s -> {
            boolean done = s.tokens().revokeApiToken(account, id, clock.instant());
            if (done) {
                audit.record(Optional.of(account.id()), actor, "api.token", "API token #" + id + " revoked");
            }
            return done;
        });
    }

    /** The caller a bearer token stands for: empty when it is unknown, expired or revoked. Marks it used. */
    public Optional<Caller> caller(Optional<String> authorization) {
        Instant now = clock.instant();
        return authorization.filter(a -> a.regionMatches(true, 0, "Bearer ", 0, 7)).map(a -> a.substring(7).strip())
                .filter(t -> t.startsWith("ausk_") && t.length() < 200)
                .flatMap(t -> tx.run(s -> s.tokens().apiTokenHolderAcrossAccounts(Secrets.sha256(t), now)))
                .map(holder -> new Caller(holder.account(), Role.valueOf(holder.role()), holder.name()));
    }
}
