package dev.auscult.sync;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.auscult.storage.AtomicFiles;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.ParseException;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.Optional;
import java.util.UUID;

/**
 * This device's own key (ES256): made at activation, its public half registered with the server, its private half
 * kept in a file only this user can read (0600). Every authenticated request carries a proof signed with it — a DPoP
 * proof (RFC 9449: method, URL, time, a one-time ID, the token's hash) plus the body's hash — so a copied token
 * alone no longer passes for the device, a replayed request is refused, and a report cannot be moved to another
 * device. The key is software-held here; a hardware-held (TPM, Secure Enclave) key is the next step (issue #27).
 */
public final class DeviceKey {

    private final ECKey key;

    private DeviceKey(ECKey key) {
        this.key = key;
    }

    /** A new key, in memory: re-activation rotates the key, and it is saved only once the server has accepted it. */
    public static DeviceKey generate() throws IOException {
        try {
            return new DeviceKey(new ECKeyGenerator(Curve.P_256).keyIDFromThumbprint(true).generate());
        } catch (JOSEException e) {
            throw new IOException("a device key could not be made: " + e.getMessage(), e);
        }
    }

    /** Keeps the key in {@code file}, readable by this user only (0600 / an owner-only ACL), replacing an earlier one. */
    public void save(Path file) throws IOException {
        AtomicFiles.writePrivate(file, key.toJSONString());
    }

    /** The key this device has, if it made one (devices activated by an older agent have none: token only). */
    public static Optional<DeviceKey> load(Path file) throws IOException {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            ECKey key = ECKey.parse(Files.readString(file, StandardCharsets.UTF_8));
            if (!key.isPrivate()) {
                throw new IOException(file + " holds no private key");
            }
            return Optional.of(new DeviceKey(key));
        } catch (ParseException e) {
            throw new IOException(file + " is not a device key: " + e.getMessage(), e);
        }
    }

    /** The public half as a JWK, for the server. */
    public String publicJwk() {
        return key.toPublicJWK().toJSONString();
    }

    /** A one-time proof for one request: the body and the token it carries, the URL it goes to, now. */
    public String proof(String method, URI url, byte[] body, String token, Instant now) {
        try {
            JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.ES256).type(new JOSEObjectType("dpop+jwt")).jwk(key.toPublicJWK()).build();
            JWTClaimsSet claims = new JWTClaimsSet.Builder().jwtID(UUID.randomUUID().toString()).issueTime(Date.from(now))
                    .claim("htm", method).claim("htu", url.toString()).claim("ath", sha256(token.getBytes(StandardCharsets.US_ASCII)))
                    .claim("bh", sha256(body)).build();
            SignedJWT jwt = new SignedJWT(header, claims);
            jwt.sign(new ECDSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException("the device key could not sign: " + e.getMessage(), e);
        }
    }

    /** base64url(SHA-256(bytes)), without padding: DPoP's "ath" and the body hash. */
    public static String sha256(byte[] bytes) {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
