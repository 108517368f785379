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
import org.jdbi.v3.core.Jdbi;

/**
 * The keys the server signs ID tokens with (RS256: what every identity provider accepts from an upstream provider).
 * The newest key signs; a key older than {@link #ROTATE_AFTER} is replaced by a new one, and stays published in the
 * JWKS for {@link #OVERLAP} more, so tokens it signed and relying parties' cached key sets keep working.
 */
public final class SigningKeys {

    static final Duration ROTATE_AFTER = Duration.ofDays(90);
    static final Duration OVERLAP = Duration.ofDays(7);

    private final Jdbi jdbi;
    private final Clock clock;
    /** The signing key last read or made: most tokens are signed without touching the database (keys change every 90 days). */
    private volatile java.util.Optional<RSAKey> cached = java.util.Optional.empty();

    public SigningKeys(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
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
        RSAKey key = jdbi.inTransaction(h -> {
            var newest = h.createQuery("SELECT private_jwk, created_at FROM signin_keys ORDER BY created_at DESC LIMIT 1")
                    .map((rs, ctx) -> new Object[] {rs.getString(1), rs.getTimestamp(2).toInstant()}).findOne();
            if (newest.isPresent() && Duration.between((Instant) newest.get()[1], now).compareTo(ROTATE_AFTER) < 0) {
                return parse((String) newest.get()[0]);
            }
            RSAKey made = generate(now);
            h.createUpdate("INSERT INTO signin_keys (kid, private_jwk, created_at, retire_after) VALUES (:k, :j, :now, :retire)")
                    .bind("k", made.getKeyID()).bind("j", made.toJSONString()).bind("now", now).bind("retire", now.plus(ROTATE_AFTER).plus(OVERLAP))
                    .execute();
            return made;
        });
        cached = java.util.Optional.of(key);
        return key;
    }

    /** The public keys a relying party may see a token signed with: the current one and those still in their overlap. */
    public JWKSet published() {
        current();
        Instant now = clock.instant();
        List<String> jwks = jdbi.withHandle(h -> h.createQuery("SELECT private_jwk FROM signin_keys WHERE retire_after > :now ORDER BY created_at DESC")
                .bind("now", now).mapTo(String.class).list());
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
