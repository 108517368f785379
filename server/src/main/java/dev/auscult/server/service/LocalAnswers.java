package dev.auscult.server.service;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.auscult.sync.DeviceKey;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import dev.auscult.server.store.Account;
import dev.auscult.server.store.DeviceStore;
import dev.auscult.server.store.Tx;

/**
 * Tells a web site whether an answer its page got from {@code 127.0.0.1} came from the Auscult agent of one of this
 * organisation's devices, or from something else listening on the port. The agent signs each answer with the device's
 * key (the {@code Auscult-Signature} header): over the exact body, the page's origin and the page's nonce. Only the
 * key this server registered for an active device of the account counts — a squatter has no such key.
 */
public final class LocalAnswers {

    /** What the site's server hands in: the answer's body exactly as received, the header, and what its page sent. */
    public record Presented(String body, Optional<String> signature, String origin, String nonce) {
    }

    /** The verdict: from which device, or why not. */
    public record Checked(boolean valid, Optional<String> deviceId, Optional<String> owner, Optional<String> status, String reason) {

        static Checked refused(String reason) {
            return new Checked(false, Optional.empty(), Optional.empty(), Optional.empty(), reason);
        }
    }

    /** How old an answer may be: a page checks it at once. */
    static final Duration WINDOW = Duration.ofMinutes(5);

    private final Tx tx;
    private final Clock clock;

    public LocalAnswers(Tx tx, Clock clock) {
        this.tx = tx;
        this.clock = clock;
    }


    public Checked check(Account account, Presented p) {
        if (p.signature().filter(s -> !s.isBlank()).isEmpty()) {
            return Checked.refused("the answer is not signed: it did not come from an Auscult agent with a device key");
        }
        if (p.nonce().isBlank()) {
            return Checked.refused("a nonce is required: without a fresh one per check, an answer recorded earlier could be replayed");
        }
        SignedJWT jwt;
        JWTClaimsSet claims;
        try {
            jwt = SignedJWT.parse(p.signature().get().strip());
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            return Checked.refused("the signature is not a signed JWT");
        }
        if (!JWSAlgorithm.ES256.equals(jwt.getHeader().getAlgorithm())
                || !new JOSEObjectType(DeviceKey.ANSWER_TYPE).equals(jwt.getHeader().getType())
                || !(jwt.getHeader().getJWK() instanceof ECKey presented)) {
            return Checked.refused("the signature is not an Auscult answer signature (ES256, " + DeviceKey.ANSWER_TYPE + ", with its key)");
        }
        String thumbprint = DeviceProofs.thumbprint(presented);
        Optional<DeviceStore.KeyOf> device = tx.read(s -> s.devices().activeByKey(account, thumbprint))
                .filter(k -> k.publicJwk().isPresent());
        if (device.isEmpty()) {
            return Checked.refused("signed by a key that is no active device's in this organisation (another program on the port, a "
                    + "revoked or replaced key, or another organisation's device)");
        }
        try {
            if (!jwt.verify(new ECDSAVerifier(ECKey.parse(device.get().publicJwk().orElseThrow())))) {
                return Checked.refused("the signature does not verify");
            }
        } catch (JOSEException | ParseException e) {
            return Checked.refused("the signature does not verify");
        }
        if (!device.get().deviceId().equals(claims.getSubject())) {
            return Checked.refused("the signature names another device");
        }
        if (!DeviceKey.sha256(p.body().getBytes(StandardCharsets.UTF_8)).equals(claims.getClaim("bh"))) {
            return Checked.refused("the answer is not the one that was signed (its body was changed)");
        }
        if (!p.origin().equals(claims.getClaim("origin"))) {
            return Checked.refused("the answer was given to another site (" + claims.getClaim("origin") + ")");
        }
        if (!p.nonce().equals(claims.getClaim("nonce"))) {
            return Checked.refused("the answer is for another nonce (an answer replayed, or given to another check)");
        }
        Instant iat = Optional.ofNullable(claims.getIssueTime()).map(java.util.Date::toInstant).orElse(Instant.EPOCH);
        if (Duration.between(iat, clock.instant()).abs().compareTo(WINDOW) > 0) {
            return Checked.refused("the answer is not from now (signed " + iat + ")");
        }
        return new Checked(true, Optional.of(device.get().deviceId()), Optional.of(device.get().ownerEmail()), device.get().latestStatus(),
                "signed by the device's own key");
    }
}
