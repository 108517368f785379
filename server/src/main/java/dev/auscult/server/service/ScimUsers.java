package dev.auscult.server.service;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import dev.auscult.server.store.Account;
import dev.auscult.server.store.PeopleStore;
import dev.auscult.server.store.Person;
import dev.auscult.server.store.Retirement;
import dev.auscult.server.store.Stores;
import dev.auscult.server.store.Tx;

/**
 * The people directory as an identity provider (Okta, Entra ID, Google, JumpCloud) sees it over SCIM 2.0:
 * users are created, updated and deactivated, never deleted (their devices and history stay). Each
 * account has its own bearer tokens, stored hashed.
 */
public final class ScimUsers {

    /** What SCIM says about a user, already reduced to what Auscult keeps. */
    public record User(String userName, Optional<String> displayName, Optional<String> group, boolean active, Optional<String> externalId) {
    }

    private final Tx tx;
    private final People people;
    private final Deliveries deliveries;
    private final Secrets secrets;
    private final Audit audit;
    private final Clock clock;

    public ScimUsers(Tx tx, People people, Deliveries deliveries, Secrets secrets, Audit audit, Clock clock) {
        this.tx = tx;
        this.deliveries = deliveries;
        this.people = people;
        this.secrets = secrets;
        this.audit = audit;
        this.clock = clock;
    }

    /** A new token for the identity provider; shown once. */
    public String newToken(Account account, Actor by) {
        by.require(Role.Permission.SETTINGS, account.id());
        String actor = by.audited();
        String token = "scim_" + secrets.deviceToken().substring(4);
        tx.use(s -> {
            s.tokens().addScimToken(account, Secrets.sha256(token), clock.instant());
            audit.record(Optional.of(account.id()), actor, "scim.token", "created a SCIM token");
        });
        return token;
    }

    public int tokenCount(Account account) {
        return tx.read(s -> s.tokens().scimTokenCount(account));
    }

    public Optional<Account> accountFor(Optional<String> authorization) {
        return authorization.filter(a -> a.regionMatches(true, 0, "Bearer ", 0, 7)).map(a -> Secrets.sha256(a.substring(7).strip()))
                .flatMap(hash -> tx.read(s -> s.tokens().scimTokenHolderAcrossAccounts(hash)));
    }

    /** A new SCIM user; a person imported earlier by CSV with that address is adopted. Empty when SCIM already manages that address (409). */
    public Optional<Person> create(Account account, User u) {
        String email = People.normaliseEmail(u.userName());
        Optional<String> scimId = tx.run(s -> {
            if (s.people().find(account, email).flatMap(Person::scimId).isPresent()) {
                return Optional.<String>empty();
            }
            String id = secrets.id("usr_");
            s.people().upsert(account, new PeopleStore.PersonUpdate(email, u.displayName(), u.group(), u.active(), Optional.of(id), u.externalId()),
                    clock.instant());
            audit.record(Optional.of(account.id()), "scim", "scim.create", email);
            if (!u.active()) {
                offboard(s, account, email);
            }
            return Optional.of(id);
        });
        return scimId.flatMap(id -> find(account, id));
    }

    public Optional<Person> find(Account account, String scimId) {
        return tx.read(s -> s.people().byScimId(account, scimId));
    }

    public List<Person> byUserName(Account account, Optional<String> userName) {
        return userName.map(u -> people.find(account, u.strip().toLowerCase(java.util.Locale.ROOT)).filter(p -> p.scimId().isPresent()).stream().toList())
                .orElseGet(() -> people.all(account).stream().filter(p -> p.scimId().isPresent()).toList());
    }

    /** Replaces what SCIM manages; a changed userName moves the person to the new address. */
    public Optional<Person> replace(Account account, String scimId, User u) {
        Optional<Person> current = find(account, scimId);
        if (current.isEmpty()) {
            return Optional.empty();
        }
        String email = People.normaliseEmail(u.userName());
        tx.use(s -> {
            s.people().replaceManaged(account, scimId, new PeopleStore.PersonUpdate(email, u.displayName(), u.group(), u.active(), Optional.of(scimId),
                    u.externalId()), clock.instant());
            audit.record(Optional.of(account.id()), "scim", u.active() ? "scim.update" : "scim.deactivate", email);
            if (!u.active() && current.get().active()) {
                offboard(s, account, current.get().email()); // their devices and codes are under the address they had
            }
        });
        return find(account, scimId);
    }

    public boolean setActive(Account account, String scimId, boolean active) {
        Optional<Person> current = find(account, scimId);
        if (current.isEmpty()) {
            return false;
        }
        tx.use(s -> {
            s.people().setActive(account, scimId, active, clock.instant());
            audit.record(Optional.of(account.id()), "scim", active ? "scim.activate" : "scim.deactivate", current.get().email());
            if (!active && current.get().active()) {
                offboard(s, account, current.get().email());
            }
        });
        return true;
    }

    /**
     * Off-boarding means off-boarding: a person the identity provider deactivates can no longer activate a
     * device (their unused codes are revoked) and their devices stop counting as anyone's (revoked: the token
     * stops working at its next call, the console shows them revoked, and every posture target is told, as for a
     * revocation in the console). Activating the person again later does not bring the devices back; they activate
     * anew with a new code, as after any revocation.
     */
    private void offboard(Stores s, Account account, String email) {
        java.time.Instant now = clock.instant();
        int codes = s.codes().retirePending(account, Optional.of(email), Retirement.OFFBOARDED, now);
        List<String> devices = s.devices().revokeOwners(account, email, now);
        devices.forEach(d -> deliveries.revoked(account, d, "scim (the person was deactivated)"));
        audit.record(Optional.of(account.id()), "scim", "scim.offboard", email + ": " + codes + " unused codes and " + devices.size() + " devices revoked");
    }
}
