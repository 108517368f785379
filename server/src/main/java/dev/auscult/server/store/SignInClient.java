package dev.auscult.server.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** An application that asks the device step to sign people in (an OpenID Connect relying party of an account). */
public record SignInClient(String clientId, String accountId, String name, List<String> redirectUris, Instant createdAt, String createdBy,
                           Optional<Instant> revokedAt) {

    public boolean allows(String redirectUri) {
        return revokedAt.isEmpty() && redirectUris.contains(redirectUri);   // exact match only: no prefixes, no wildcards
    }

    /** The row's account: the account that registered this relying party. */
    public Account account() {
        return new Account(accountId);
    }
}
