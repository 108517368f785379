package dev.auscult.server.store;

import java.time.Instant;
import java.util.Optional;

/**
 * One sign-in through the device step, as kept: what the relying party asked for, the hashes that bind it to its
 * browser and its challenge, and — once a device answered — who answered, the decision and the practices behind it
 * ({@code practices}: the service's own one-line-per-finding text), then the code and the access token it gave.
 */
public record SignIn(String id, Account account, String clientId, String redirectUri, Optional<String> state, Optional<String> nonce,
                     Optional<String> codeChallenge, Optional<String> loginHint, String browserHash, String challengeHash, Instant createdAt,
                     Instant expiresAt, Optional<String> deviceId, Optional<String> ownerEmail, Optional<Instant> provedAt,
                     Optional<String> decision, Optional<String> practices, Optional<String> codeHash, Optional<Instant> codeExpires,
                     Optional<Instant> codeUsedAt, Optional<Instant> tokenExpires, String responseType, Optional<String> hintSub,
                     Optional<String> hintOid, Optional<String> hintTid) {

    /** A sign-in just begun: nothing answered yet. */
    public static SignIn begun(String id, Account account, String clientId, String redirectUri, Optional<String> state, Optional<String> nonce,
                               Optional<String> codeChallenge, Optional<String> loginHint, String browserHash, String challengeHash,
                               Instant createdAt, Instant expiresAt, String responseType, Optional<String> hintSub, Optional<String> hintOid,
                               Optional<String> hintTid) {
        return new SignIn(id, account, clientId, redirectUri, state, nonce, codeChallenge, loginHint, browserHash, challengeHash, createdAt,
                expiresAt, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), responseType, hintSub, hintOid, hintTid);
    }

    @Override
    public String toString() {
        return "SignIn[" + id + ", " + account + ", " + clientId + ", hashes redacted]";
    }
}
