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
 * This device's own key (ES256): made at activation, its public half registered with the server. Where the machine
 * has security hardware this user may use — a TPM 2.0 (Linux: tpm2-tools; Windows: the Platform Crypto Provider) or
 * the Mac's Secure Enclave — the key is made and kept inside it ({@link HardwareKey}: it cannot be copied, not even by
 * root); otherwise its private half is kept in a file only this user can read (0600), or on Windows non-exportable in
 * the user's key storage. Every authenticated request carries a proof signed with it — a DPoP proof (RFC 9449:
 * method, URL, time, a one-time ID, the token's hash) plus the body's hash — so a copied token alone no longer passes
 * for the device, a replayed request is refused, and a report cannot be moved to another device.
 */
public final class DeviceKey {

    /** Where the key is held: what the server records and the console shows. */
    public enum Binding {
        TPM("tpm"), SECURE_ENCLAVE("secure-enclave"), SOFTWARE("software");

        private final String key;

        Binding(String key) {
            this.key = key;
        }

        public String key() {
            return key;
        }
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    private final ECKey publicKey;
    private final Optional<ECKey> software;
    private final Optional<HardwareKey> hardware;

    private DeviceKey(ECKey publicKey, Optional<ECKey> software, Optional<HardwareKey> hardware) {
        this.publicKey = publicKey;
        this.software = software;
        this.hardware = hardware;
    }

    /** A new software key, in memory: re-activation rotates the key, and it is saved only once the server has accepted it. */
    public static DeviceKey generate() throws IOException {
        try {
            ECKey key = new ECKeyGenerator(Curve.P_256).keyIDFromThumbprint(true).generate();
            return new DeviceKey(key.toPublicJWK(), Optional.of(key), Optional.empty());
        } catch (JOSEException e) {
            throw new IOException("a device key could not be made: " + e.getMessage(), e);
        }
    }

    /**
     * A new key for {@code file}: in the first of {@code hardware} that can make one, else in software. Hardware that
     * fails is logged and passed over, so activation never fails for want of it.
     */
    public static DeviceKey generate(Path file, HardwareKeys hardware) throws IOException {
        Optional<HardwareKey> made = hardware.make(file);
        return made.isPresent() ? new DeviceKey(made.get().publicKey(), Optional.empty(), made) : generate();
    }

    /** The directory of wrapped blobs that goes with a key file: {@code device-key-tpm} for {@code device-key.json}. */
    static String tpmDir(Path file) {
        String name = file.getFileName().toString();
        return (name.endsWith(".json") ? name.substring(0, name.length() - 5) : name) + "-tpm";
    }

    public Binding binding() {
        return hardware.map(HardwareKey::binding).orElse(Binding.SOFTWARE);
    }

    /**
     * Keeps the key in {@code file}, readable by this user only (0600 / an owner-only ACL), replacing an earlier one.
     * A TPM key's blobs move to the directory named after the file ({@code device-key-tpm}).
     */
    public void save(Path file) throws IOException {
        Optional<DeviceKey> before = loadQuietly(file);
        if (hardware.isPresent() && hardware.get() instanceof TpmKey tpm) {
            Path dir = file.resolveSibling(tpmDir(file));
            if (!tpm.dir().equals(dir)) {
                before.ifPresent(b -> b.discardUnless(this));
                TpmKey.deleteTree(dir);
                Files.move(tpm.dir(), dir, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
                new DeviceKey(publicKey, Optional.empty(), Optional.of(TpmKey.load(dir, tpm.tcti()))).savePending(file);
                return;
            }
        }
        savePending(file);
        before.ifPresent(b -> b.discardUnless(this));
    }

    /**
     * Writes the key file without touching anything else: a software key's private half, or what finds a hardware key
     * again (its blobs stay where they were made, in a directory of their own). Used for a new key kept beside the
     * current one until the server has taken it.
     */
    public void savePending(Path file) throws IOException {
        if (software.isPresent()) {
            AtomicFiles.writePrivate(file, software.get().toJSONString());
            return;
        }
        com.fasterxml.jackson.databind.node.ObjectNode n = JSON.createObjectNode();
        n.put("binding", binding().key());
        hardware.orElseThrow().describe(n);
        n.put("publicJwk", publicKey.toJSONString());
        AtomicFiles.writePrivate(file, n.toString());
    }

    /**
     * Makes the key kept in {@code pending} this device's key ({@code file}). Every step leaves {@code file} naming a
     * key that loads: it is replaced in one atomic write, the old key's material (TPM blobs, a Windows key) goes only
     * after that, the pending file last — so a crash in between leaves the same key in both, which the next rotation
     * recognises.
     */
    public static void promote(Path pending, Path file) throws IOException {
        DeviceKey next = load(pending).orElseThrow(() -> new IOException(pending + " holds no key"));
        Optional<DeviceKey> before = loadQuietly(file);
        AtomicFiles.writePrivate(file, Files.readString(pending, StandardCharsets.UTF_8));
        before.ifPresent(b -> b.discardUnless(next));
        Files.deleteIfExists(pending);
    }

    /** Deletes a key kept in {@code file} and what it holds outside it (a damaged file is deleted all the same). */
    public static void delete(Path file) throws IOException {
        Optional<DeviceKey> key = loadQuietly(file);
        Files.deleteIfExists(file);
        key.ifPresent(k -> k.discardUnless(null));
    }

    private static Optional<DeviceKey> loadQuietly(Path file) {
        try {
            return load(file);
        } catch (IOException | RuntimeException unreadable) {
            return Optional.empty();
        }
    }

    /** Deletes this key's hardware material unless {@code kept} is the same key; a failure is logged, not thrown. */
    private void discardUnless(DeviceKey kept) {
        if (hardware.isEmpty() || kept != null && kept.thumbprint().equals(thumbprint())) {
            return;
        }
        try {
            hardware.get().discard();
        } catch (IOException e) {
            System.getLogger(DeviceKey.class.getName()).log(System.Logger.Level.WARNING, "an old device key could not be deleted: {0}", e.getMessage());
        }
    }

    /** The key's RFC 7638 thumbprint: how the server names it. */
    public String thumbprint() {
        try {
            return publicKey.computeThumbprint().toString();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The JWS type of a new key's proof of possession (contract 1.5). */
    public static final String POSSESSION_TYPE = "auscult-key+jwt";

    /** Proof that this key's holder is registering it for {@code deviceId}, now: a JWS signed by this very key. */
    public String possession(String deviceId, Instant now) {
        try {
            JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.ES256).type(new JOSEObjectType(POSSESSION_TYPE)).jwk(publicKey).build();
            SignedJWT jwt = new SignedJWT(header, new JWTClaimsSet.Builder().subject(deviceId).issueTime(Date.from(now))
                    .jwtID(UUID.randomUUID().toString()).build());
            jwt.sign(signer());
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException("the device key could not sign: " + e.getMessage(), e);
        }
    }

    /** The JWS type of a signed local-API answer. */
    public static final String ANSWER_TYPE = "auscult-answer+jwt";

    /**
     * A signature over one local-API answer: the body's hash, the page's origin, its nonce (when it sent one), the
     * device ID the server knows this key by, and the time — a detached JWS the page's server verifies with the key
     * it registered for the device.
     */
    public String signAnswer(byte[] body, String origin, Optional<String> nonce, String deviceId, Instant now) {
        try {
            JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.ES256).type(new JOSEObjectType(ANSWER_TYPE)).keyID(thumbprint()).jwk(publicKey).build();
            JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().subject(deviceId).issueTime(Date.from(now)).claim("bh", sha256(body))
                    .claim("origin", origin);
            nonce.ifPresent(n -> claims.claim("nonce", n));
            SignedJWT jwt = new SignedJWT(header, claims.build());
            jwt.sign(signer());
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException("the device key could not sign: " + e.getMessage(), e);
        }
    }

    private com.nimbusds.jose.JWSSigner signer() throws JOSEException {
        return software.isPresent() ? new ECDSASigner(software.get()) : new HardwareSigner(hardware.orElseThrow());
    }

    /** The key this device has, if it made one (devices activated by an older agent have none: token only). */
    public static Optional<DeviceKey> load(Path file) throws IOException {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        String text = Files.readString(file, StandardCharsets.UTF_8);
        try {
            com.fasterxml.jackson.databind.JsonNode n = JSON.readTree(text);
            if (n != null && n.has("publicJwk")) {
                HardwareKey key = hardware(file, n, ECKey.parse(n.path("publicJwk").asText()));
                return Optional.of(new DeviceKey(key.publicKey(), Optional.empty(), Optional.of(key)));
            }
            ECKey key = ECKey.parse(text);
            if (!key.isPrivate()) {
                throw new IOException(file + " holds no private key");
            }
            return Optional.of(new DeviceKey(key.toPublicJWK(), Optional.of(key), Optional.empty()));
        } catch (ParseException | com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IOException(file + " is not a device key: " + e.getMessage(), e);
        }
    }

    /** The hardware key a key file names (files from before 1.5 name a TPM key by its binding and TCTI alone). */
    private static HardwareKey hardware(Path file, com.fasterxml.jackson.databind.JsonNode n, ECKey publicKey) throws IOException {
        return switch (n.path("holder").asText(TpmKey.HOLDER)) {
            case TpmKey.HOLDER -> TpmKey.load(file.resolveSibling(n.path("dir").asText(tpmDir(file))), n.path("tcti").asText());
            case WindowsCngKey.HOLDER -> WindowsCngKey.load(n, publicKey);
            case SecureEnclaveKey.HOLDER -> SecureEnclaveKey.load(n, publicKey);
            default -> throw new IOException(file + " names a key holder this agent does not know: " + n.path("holder").asText());
        };
    }

    /** The public half as a JWK, for the server. */
    public String publicJwk() {
        return publicKey.toJSONString();
    }


    /** A one-time proof for one request: the body and the token it carries, the URL it goes to, now. */
    public String proof(String method, URI url, byte[] body, String token, Instant now) {
        try {
            JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.ES256).type(new JOSEObjectType("dpop+jwt")).jwk(publicKey).build();
            JWTClaimsSet claims = new JWTClaimsSet.Builder().jwtID(UUID.randomUUID().toString()).issueTime(Date.from(now))
                    .claim("htm", method).claim("htu", url.toString()).claim("ath", sha256(token.getBytes(StandardCharsets.US_ASCII)))
                    .claim("bh", sha256(body)).build();
            SignedJWT jwt = new SignedJWT(header, claims);
            jwt.sign(signer());
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException("the device key could not sign: " + e.getMessage(), e);
        }
    }

    /** Nimbus's signer interface over the hardware: the signing input goes in, JWS's ES256 r‖s comes out. */
    private record HardwareSigner(HardwareKey key) implements com.nimbusds.jose.JWSSigner {
        @Override
        public com.nimbusds.jose.util.Base64URL sign(JWSHeader header, byte[] signingInput) throws JOSEException {
            try {
                return com.nimbusds.jose.util.Base64URL.encode(key.sign(signingInput));
            } catch (IOException e) {
                throw new JOSEException("the device key's hardware did not sign: " + e.getMessage(), e);
            }
        }

        @Override
        public java.util.Set<JWSAlgorithm> supportedJWSAlgorithms() {
            return java.util.Set.of(JWSAlgorithm.ES256);
        }

        @Override
        public com.nimbusds.jose.jca.JCAContext getJCAContext() {
            return new com.nimbusds.jose.jca.JCAContext();
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
