package dev.auscult.server.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The {@code api_tokens} and {@code scim_tokens} tables: hashes only. A bearer token names no account, so finding its
 * holder is a lookup across accounts — named so; everything else is scoped to the account.
 */
public interface TokenStore {

    /** An API token as listed: {@code role} as stored (the service's {@code Role}). */
    record ApiToken(long id, String name, String role, Instant createdAt, String createdBy, Instant expiresAt, Optional<Instant> lastUsedAt,
                    Optional<Instant> revokedAt) {
    }

    /** Who an API token stands for. */
    record ApiTokenHolder(Account account, String role, String name) {
    }

    /** Returns the new token's id. */
    long addApiToken(Account account, String name, String tokenHash, String role, String by, Instant at, Instant expiresAt);

    /** Newest first. */
    List<ApiToken> apiTokens(Account account);

    /** False when the account has no such live token. */
    boolean revokeApiToken(Account account, long id, Instant at);

    /** The holder of a live (not revoked, not expired) API token, marked used now. */
    Optional<ApiTokenHolder> apiTokenHolderAcrossAccounts(String tokenHash, Instant now);

    void addScimToken(Account account, String tokenHash, Instant at);

    int scimTokenCount(Account account);

    /** The account a SCIM token belongs to. */
    Optional<Account> scimTokenHolderAcrossAccounts(String tokenHash);
}
