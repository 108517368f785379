package dev.auscult.server.service;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.auscult.sync.DeviceKey;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import dev.auscult.server.store.DeviceStore;
import dev.auscult.server.store.Tx;

/**
 * Checks the proof a key-bound device sends with each request (DPoP, RFC 9449, plus the body's hash): signed by the
 * key the device registered at activation, for this request (method, URL, body, token), recent, and never seen before.
 * A device activated by an older agent has no key and passes on its token alone, as before.
 */
public final class DeviceProofs {

    /** What the request brings to be checked. */
    public record Presented(Optional<String> proof, String method, URI url, byte[] body, String token) {
    }

    static final Duration WINDOW = Duration.ofMinutes(5);
    static final Duration KEEP = Duration.ofMinutes(10);

    private final Tx tx;
    private final Audit audit;
    private final Clock clock;

    public DeviceProofs(Tx tx, Audit audit, Clock clock) {
        this.tx = tx;
        this.audit = audit;
        this.clock = clock;
    }

    /** The public key a device registers at activation: an EC P-256 public JWK, or the reason it cannot be one. */
    static ECKey publicKey(String jwk) {
        try {
            ECKey key = ECKey.parse(jwk);
            if (key.isPrivate() || !Curve.P_256.equals(key.getCurve())) {
                throw new ApiError(ApiError.Code.BAD_REQUEST, "publicKey must be the public half of an EC P-256 key (a JWK)");
            }
            return key;
        } catch (ParseException e) {
            throw new ApiError(ApiError.Code.BAD_REQUEST, "publicKey is not a JWK: " + e.getMessage());
        }
    }

    static String thumbprint(ECKey key) {
        try {
            return key.computeThumbprint().toString();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Passes, or refuses with UNAUTHENTICATED and an audit entry naming what was wrong. */
    public void check(Devices.Caller caller, Presented p) {
        Optional<String> jwk = tx.read(s -> s.devices().activeKey(caller.account(), caller.deviceId())).flatMap(DeviceStore.KeyOf::publicJwk);
        if (jwk.isEmpty()) {
            return;   // token only: activated by an agent without a device key
        }
        ECKey registered = publicKey(jwk.get());
        if (p.proof().isEmpty()) {
            refuse(caller, "token used without the device key (a copied token, or another machine)");
        }
        SignedJWT jwt;
        JWTClaimsSet claims;
        try {
            jwt = SignedJWT.parse(p.proof().get());
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            refuse(caller, "the proof is not a signed JWT");
            return;
        }
        if (!JWSAlgorithm.ES256.equals(jwt.getHeader().getAlgorithm()) || !new JOSEObjectType("dpop+jwt").equals(jwt.getHeader().getType())) {
            refuse(caller, "the proof is not an ES256 dpop+jwt");
        }
        if (!(jwt.getHeader().getJWK() instanceof ECKey presented) || !thumbprint(presented).equals(thumbprint(registered))) {
            refuse(caller, "the request was signed by another key than this device's");
        }
        try {
            if (!jwt.verify(new ECDSAVerifier(registered))) {
                refuse(caller, "the proof's signature does not verify");
            }
        } catch (JOSEException e) {
            refuse(caller, "the proof's signature does not verify");
        }
        Instant now = clock.instant();
        Instant iat = Optional.ofNullable(claims.getIssueTime()).map(java.util.Date::toInstant).orElse(Instant.EPOCH);
        if (Duration.between(iat, now).abs().compareTo(WINDOW) > 0) {
            refuse(caller, "the proof is not from now (issued " + iat + "; the device's clock may be wrong)");
        }
        String htu = String.valueOf(claims.getClaim("htu"));
        if (!"POST".equals(claims.getClaim("htm")) || !URI.create(htu.replace(" ", "%20")).getPath().equals(p.url().getPath())) {
            refuse(caller, "the proof is for another request (" + claims.getClaim("htm") + " " + htu + ")");
        }
        if (!DeviceKey.sha256(p.token().getBytes(StandardCharsets.US_ASCII)).equals(claims.getClaim("ath"))
                || !DeviceKey.sha256(p.body()).equals(claims.getClaim("bh"))) {
            refuse(caller, "the proof does not match this request's token and body");
        }
        String jti = Optional.ofNullable(claims.getJWTID()).filter(j -> j.length() <= 100).orElse("");
        boolean fresh = !jti.isEmpty() && tx.run(s -> s.devices().spendProofId(caller.account(), caller.deviceId(), jti, now, now.minus(KEEP)));
        if (!fresh) {
            refuse(caller, "the proof was used before (a replayed request)");
        }
    }

    private void refuse(Devices.Caller caller, String why) {
        audit.record(Optional.of(caller.accountId()), caller.ownerEmail(), "device.proof-refused", "device " + caller.deviceId() + ": " + why);
        throw new ApiError(ApiError.Code.UNAUTHENTICATED, "this device signs its requests with its own key; this request was refused: " + why);
    }
}
