package dev.auscult.server.service;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * The people directory as an identity provider (Okta, Entra ID, Google, JumpCloud) sees it over SCIM 2.0:
 * users are created, updated and deactivated, never deleted (their devices and history stay). Each
 * account has its own bearer tokens, stored hashed.
 */
public final class ScimUsers {

    /** What SCIM says about a user, already reduced to what Auscult keeps. */
    public record User(String userName, Optional<String> displayName, Optional<String> group, boolean active, Optional<String> externalId) {
    }

    private final Jdbi jdbi;
    private final People people;
    private final Secrets secrets;
    private final Audit audit;
    private final Clock clock;

    public ScimUsers(Jdbi jdbi, People people, Secrets secrets, Audit audit, Clock clock) {
        this.jdbi = jdbi;
        this.people = people;
        this.secrets = secrets;
        this.audit = audit;
        this.clock = clock;
    }

    /** A new token for the identity provider; shown once. */
    public String newToken(String accountId, Actor by) {
        by.require(Role.Permission.SETTINGS, accountId);
        String actor = by.audited();
        String token = "scim_" + secrets.deviceToken().substring(4);
        jdbi.useTransaction(h -> {
            h.createUpdate("INSERT INTO scim_tokens (token_hash, account_id, created_at) VALUES (:h, :a, :now)")
                    .bind("h", Secrets.sha256(token)).bind("a", accountId).bind("now", clock.instant()).execute();
            audit.record(Optional.of(accountId), actor, "scim.token", "created a SCIM token");
        });
        return token;
    }

    public int tokenCount(String accountId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM scim_tokens WHERE account_id = :a").bind("a", accountId).mapTo(Integer.class).one());
    }

    public Optional<String> accountFor(Optional<String> authorization) {
        return authorization.filter(a -> a.regionMatches(true, 0, "Bearer ", 0, 7)).map(a -> Secrets.sha256(a.substring(7).strip()))
                .flatMap(hash -> jdbi.withHandle(h -> h.createQuery("SELECT account_id FROM scim_tokens WHERE token_hash = :h").bind("h", hash)
                        .mapTo(String.class).findOne()));
    }

    /** A new SCIM user; a person imported earlier by CSV with that address is adopted. Empty when SCIM already manages that address (409). */
    public Optional<People.Person> create(String accountId, User u) {
        String email = People.normaliseEmail(u.userName());
        Optional<String> scimId = jdbi.inTransaction(h -> {
            Optional<String> existing = h.createQuery("SELECT scim_id FROM people WHERE account_id = :a AND email = :e")
                    .bind("a", accountId).bind("e", email).mapTo(String.class).findOne().filter(s -> s != null);
            if (existing.isPresent()) {
                return Optional.<String>empty();
            }
            String id = secrets.id("usr_");
            people.upsert(h, accountId, email, u.displayName(), u.group(), u.active(), Optional.of(id), u.externalId());
            audit.record(Optional.of(accountId), "scim", "scim.create", email);
            if (!u.active()) {
                offboard(h, accountId, email);
            }
            return Optional.of(id);
        });
        return scimId.flatMap(id -> find(accountId, id));
    }

    public Optional<People.Person> find(String accountId, String scimId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT account_id, email, name, group_name, active, scim_id, external_id, updated_at FROM people "
                + "WHERE account_id = :a AND scim_id = :s").bind("a", accountId).bind("s", scimId).map(People::person).findOne());
    }

    public List<People.Person> byUserName(String accountId, Optional<String> userName) {
        return userName.map(u -> people.find(accountId, u.strip().toLowerCase(java.util.Locale.ROOT)).filter(p -> p.scimId().isPresent()).stream().toList())
                .orElseGet(() -> people.all(accountId).stream().filter(p -> p.scimId().isPresent()).toList());
    }

    /** Replaces what SCIM manages; a changed userName moves the person to the new address. */
    public Optional<People.Person> replace(String accountId, String scimId, User u) {
        Optional<People.Person> current = find(accountId, scimId);
        if (current.isEmpty()) {
            return Optional.empty();
        }
        String email = People.normaliseEmail(u.userName());
        jdbi.useTransaction(h -> {
            h.createUpdate("UPDATE people SET email = :e, name = :n, group_name = :g, active = :act, external_id = :x, updated_at = :now "
                            + "WHERE account_id = :a AND scim_id = :s")
                    .bind("e", email).bind("n", u.displayName().orElse(null)).bind("g", u.group().orElse(null)).bind("act", u.active())
                    .bind("x", u.externalId().orElse(null)).bind("now", clock.instant()).bind("a", accountId).bind("s", scimId).execute();
            audit.record(Optional.of(accountId), "scim", u.active() ? "scim.update" : "scim.deactivate", email);
            if (!u.active() && current.get().active()) {
                offboard(h, accountId, current.get().email()); // their devices and codes are under the address they had
            }
        });
        return find(accountId, scimId);
    }

    public boolean setActive(String accountId, String scimId, boolean active) {
        Optional<People.Person> current = find(accountId, scimId);
        if (current.isEmpty()) {
            return false;
        }
        jdbi.useTransaction(h -> {
            h.createUpdate("UPDATE people SET active = :act, updated_at = :now WHERE account_id = :a AND scim_id = :s")
                    .bind("act", active).bind("now", clock.instant()).bind("a", accountId).bind("s", scimId).execute();
            audit.record(Optional.of(accountId), "scim", active ? "scim.activate" : "scim.deactivate", current.get().email());
            if (!active && current.get().active()) {
                offboard(h, accountId, current.get().email());
            }
        });
        return true;
    }

    /**
     * Off-boarding means off-boarding: a person the identity provider deactivates can no longer activate a
     * device (their unused codes are revoked) and their devices stop counting as anyone's (revoked: the token
     * stops working at its next call, the console shows them revoked). Activating the person again later does
     * not bring the devices back; they activate anew with a new code, as after any revocation.
     */
    private void offboard(org.jdbi.v3.core.Handle h, String accountId, String email) {
        java.time.Instant now = clock.instant();
        int codes = h.createUpdate("UPDATE activation_codes SET revoked_at = :now, retired_reason = 'OFFBOARDED' WHERE account_id = :a AND email = :e "
                + "AND used_at IS NULL AND revoked_at IS NULL").bind("now", now).bind("a", accountId).bind("e", email).execute();
        int devices = h.createUpdate("UPDATE devices SET revoked_at = :now WHERE account_id = :a AND owner_email = :e AND revoked_at IS NULL")
                .bind("now", now).bind("a", accountId).bind("e", email).execute();
        audit.record(Optional.of(accountId), "scim", "scim.offboard", email + ": " + codes + " unused codes and " + devices + " devices revoked");
    }
}
