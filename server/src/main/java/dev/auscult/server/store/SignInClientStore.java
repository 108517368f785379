package dev.auscult.server.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The {@code signin_clients} table. A relying party names itself by its client ID, which names no account: finding it
 * is a lookup across accounts, named so; registering, listing and revoking are the account's.
 */
public interface SignInClientStore {

    void add(Account account, String clientId, String name, String secretHash, List<String> redirectUris, String by, Instant at);

    /** Newest first. */
    List<SignInClient> list(Account account);

    Optional<SignInClient> byIdAcrossAccounts(String clientId);

    /** The secret's hash of a client that is not revoked. */
    Optional<String> activeSecretHashAcrossAccounts(String clientId);

    /** False when the account has no such client in use. */
    boolean revoke(Account account, String clientId, Instant at);
}
