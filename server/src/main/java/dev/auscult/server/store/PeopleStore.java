package dev.auscult.server.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The {@code people} table. */
public interface PeopleStore {

    /** What an import or an identity provider says of a person; an empty value leaves what is known. */
    record PersonUpdate(String email, Optional<String> name, Optional<String> group, boolean active, Optional<String> scimId,
                        Optional<String> externalId) {
    }

    /** Inserts or updates the person with that address; true when the person is new. */
    boolean upsert(Account account, PersonUpdate person, Instant at);

    /** What SCIM manages of the person it calls {@code scimId}, all of it (a changed address moves the person); false when unknown. */
    boolean replaceManaged(Account account, String scimId, PersonUpdate person, Instant at);

    /** False when the account has no person with that SCIM id. */
    boolean setActive(Account account, String scimId, boolean active, Instant at);

    /** By address, as the address is kept (lower case). */
    Optional<Person> find(Account account, String email);

    Optional<Person> byScimId(Account account, String scimId);

    /** By address. */
    List<Person> all(Account account);

    /** Active people with no device that still reports (never activated, or every device revoked). */
    List<Person> withoutDevice(Account account);
}
