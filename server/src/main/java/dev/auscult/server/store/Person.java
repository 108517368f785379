package dev.auscult.server.store;

import java.time.Instant;
import java.util.Optional;

/** A person of the organisation's directory (CSV import or SCIM); {@code scimId} when an identity provider manages them. */
public record Person(String accountId, String email, Optional<String> name, Optional<String> group, boolean active,
                     Optional<String> scimId, Optional<String> externalId, Instant updatedAt) {
}
