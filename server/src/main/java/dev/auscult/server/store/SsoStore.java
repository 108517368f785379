package dev.auscult.server.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The {@code account_sso} and {@code sso_pending} tables: an account's identity provider for its administrators, and the
 * sign-ins on their way to it. A browser coming back from the provider shows only its cookie, so taking a pending
 * sign-in is a lookup across accounts, named so.
 */
public interface SsoStore {

    /** An account's provider as kept: {@code mappings} one "group=ROLE" per line (the service's {@code Role} names). */
    record Provider(String issuer, String clientId, String groupsClaim, String mappings, boolean passwordOwnersOnly, Instant updatedAt, String updatedBy) {
    }

    /** What a sign-in on its way must find again: the account, its state, nonce and PKCE verifier, and when it began. */
    record Pending(Account account, String state, String nonce, String verifier, Instant at) {
        @Override
        public String toString() {
            return "Pending[" + account + ", secrets redacted]";
        }
    }

    Optional<Provider> find(Account account);

    /** Saves the provider; an empty {@code clientSecret} keeps the one saved (a first save needs one). */
    void save(Account account, Provider provider, Optional<String> clientSecret);

    /** The client secret, for the token request only. */
    Optional<String> clientSecret(Account account);

    /** The accounts whose administrators can sign in with a provider, by id. */
    List<String> accountsWithProviderAcrossAccounts();

    /** A sign-in begins (and those begun before {@code forgetBefore} are forgotten). */
    void addPending(Account account, String cookieHash, String state, String nonce, String verifier, Instant at, Instant forgetBefore);

    /** The sign-in a browser's cookie names, taken once: it is gone afterwards whatever it held. */
    Optional<Pending> takePendingAcrossAccounts(String cookieHash);
}
