package dev.auscult.server.service;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import dev.auscult.server.store.Tx;

/**
 * The keys the server signs ID tokens with (RS256: what every identity provider accepts from an upstream provider).
 * The newest key signs; a key older than {@link #ROTATE_AFTER} is replaced by a new one, and stays published in the
 * JWKS for {@link #OVERLAP} more, so tokens it signed and relying parties' cached key sets keep working.
 */
public final class SigningKeys {

    static final Duration ROTATE_AFTER = Duration.ofDays(90);
    static final Duration OVERLAP = Duration.ofDays(7);

    private final Tx tx;
    private final Clock clock;
    /** The signing key last read or made: most tokens are signed without touching the database (keys change every 90 days). */
    private volatile java.util.Optional<RSAKey> cached = java.util.Optional.empty();

    public SigningKeys(Tx tx, Clock clock) {
        this.tx = tx;
        this.clock = clock;
    }

    /** The key that signs now; made (or rotated) on first need, in one transaction so two instances agree. */
    public RSAKey current() {
        Instant now = clock.instant();
        java.util.Optional<RSAKey> known = cached.filter(k -> k.getIssueTime() != null
                && Duration.between(k.getIssueTime().toInstant(), now).compareTo(ROTATE_AFTER) < 0);
        if (known.isPresent()) {
            return known.get();
        }
        RSAKey key = tx.run(s -> {
            var newest = s.signingKeys().newest();
            if (newest.isPresent() && Duration.between(newest.get().createdAt(), now).compareTo(ROTATE_AFTER) < 0) {
                return parse(newest.get().privateJwk());
            }
            RSAKey made = generate(now);
            s.signingKeys().add(made.getKeyID(), made.toJSONString(), now, now.plus(ROTATE_AFTER).plus(OVERLAP));
            return made;
        });
        cached = java.util.Optional.of(key);
        return key;
    }

    /** The public keys a relying party may see a token signed with: the current one and those still in their overlap. */
    public JWKSet published() {
        current();
        Instant now = clock.instant();
        List<String> jwks = tx.read(s -> s.signingKeys().inUse(now));
        return new JWKSet(jwks.stream().map(SigningKeys::parse).map(k -> (com.nimbusds.jose.jwk.JWK) k.toPublicJWK()).toList());
    }

    private static RSAKey generate(Instant now) {
        try {
            return new RSAKeyGenerator(2048).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.RS256)
                    .keyIDFromThumbprint(true).issueTime(java.util.Date.from(now)).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException("an RSA key cannot be made here", e);
        }
    }

    private static RSAKey parse(String jwk) {
        try {
            return RSAKey.parse(jwk);
        } catch (ParseException e) {
            throw new IllegalStateException("a stored signing key is damaged", e);
        }
    }
}
