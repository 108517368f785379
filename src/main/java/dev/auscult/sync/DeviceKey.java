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
 * has a TPM 2.0 this user may use, the key is made and kept inside it ({@link TpmKey}: it cannot be copied, not even
 * by root); otherwise its private half is kept in a file only this user can read (0600). Every authenticated request
 * carries a proof signed with it — a DPoP proof (RFC 9449: method, URL, time, a one-time ID, the token's hash) plus
 * the body's hash — so a copied token alone no longer passes for the device, a replayed request is refused, and a
 * report cannot be moved to another device.
 */
public final class DeviceKey {

    private static final System.Logger LOG = System.getLogger(DeviceKey.class.getName());

    /** Where the key is held: what the server records and the console shows. */
    public enum Binding {
        TPM("tpm"), SOFTWARE("software");

        private final String key;

        Binding(String key) {
            this.key = key;
        }

        public String key() {
            return key;
        }
    }

    private final ECKey publicKey;
    private final Optional<ECKey> software;
    private final Optional<TpmKey> tpm;

    private DeviceKey(ECKey publicKey, Optional<ECKey> software, Optional<TpmKey> tpm) {
        this.publicKey = publicKey;
        this.software = software;
        this.tpm = tpm;
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
     * A new key for {@code file}: in the TPM when one is usable ({@code tcti}), else in software. A TPM that fails is
     * logged and the key falls back to software, so activation never fails for want of a TPM.
     */
    public static DeviceKey generate(Path file, Optional<String> tcti) throws IOException {
        if (tcti.isPresent()) {
            Path pending = file.resolveSibling(tpmDir(file) + ".new-" + UUID.randomUUID());
            try {
                TpmKey key = TpmKey.create(pending, tcti.get());
                return new DeviceKey(key.publicKey(), Optional.empty(), Optional.of(key));
            } catch (IOException e) {
                LOG.log(System.Logger.Level.WARNING, "the TPM could not make a device key ({0}); the key is held in software", e.getMessage());
                deleteTree(pending);
            }
        }
        return generate();
    }

    /** The directory of wrapped blobs that goes with a key file: {@code device-key-tpm} for {@code device-key.json}. */
    static String tpmDir(Path file) {
        String name = file.getFileName().toString();
        return (name.endsWith(".json") ? name.substring(0, name.length() - 5) : name) + "-tpm";
    }

    public Binding binding() {
        return tpm.isPresent() ? Binding.TPM : Binding.SOFTWARE;
    }

    /** Keeps the key in {@code file}, readable by this user only (0600 / an owner-only ACL), replacing an earlier one. */
    public void save(Path file) throws IOException {
        if (software.isPresent()) {
            AtomicFiles.writePrivate(file, software.get().toJSONString());
            deleteTree(file.resolveSibling(tpmDir(file)));
            return;
        }
        TpmKey key = tpm.orElseThrow();
        Path dir = file.resolveSibling(tpmDir(file));
        deleteTree(dir);
        Files.move(key.dir(), dir, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        writeTpmReference(file, dir.getFileName().toString());
    }

    /**
     * Keeps a new key in {@code pending} until the server has taken it: a software key's private half (0600), or a
     * reference to the TPM's wrapped blobs where they were made (a directory of their own, so they never collide with
     * the current key's).
     */
    public void savePending(Path pending) throws IOException {
        if (software.isPresent()) {
            AtomicFiles.writePrivate(pending, software.get().toJSONString());
            return;
        }
        writeTpmReference(pending, tpm.orElseThrow().dir().getFileName().toString());
    }

    private void writeTpmReference(Path file, String dir) throws IOException {
        com.fasterxml.jackson.databind.node.ObjectNode n = new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode();
        n.put("binding", Binding.TPM.key()).put("tcti", tpm.orElseThrow().tcti()).put("dir", dir).put("publicJwk", publicKey.toJSONString());
        AtomicFiles.writePrivate(file, n.toString());
    }

    /**
     * Makes the key kept in {@code pending} this device's key ({@code file}). Every step leaves {@code file} naming a
     * key that loads: it is replaced in one atomic write, the old key's blobs go only after that, the pending file last
     * — so a crash in between leaves the same key in both, which the next rotation recognises.
     */
    public static void promote(Path pending, Path file) throws IOException {
        load(pending).orElseThrow(() -> new IOException(pending + " holds no key"));
        Optional<String> oldDir = tpmDirNamed(file);
        AtomicFiles.writePrivate(file, Files.readString(pending, StandardCharsets.UTF_8));
        Optional<String> newDir = tpmDirNamed(file);
        if (oldDir.isPresent() && !oldDir.equals(newDir)) {
            deleteTree(file.resolveSibling(oldDir.get()));
        }
        Files.deleteIfExists(pending);
    }

    /** The directory of TPM blobs a key file refers to, if it holds a TPM key. */
    private static Optional<String> tpmDirNamed(Path file) throws IOException {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        com.fasterxml.jackson.databind.JsonNode n = new com.fasterxml.jackson.databind.ObjectMapper().readTree(Files.readString(file, StandardCharsets.UTF_8));
        return n != null && Binding.TPM.key().equals(n.path("binding").asText()) ? Optional.of(n.path("dir").asText(tpmDir(file))) : Optional.empty();
    }

    /** Deletes a key kept in {@code file} and the TPM blobs it refers to (a damaged file is deleted all the same). */
    public static void delete(Path file) throws IOException {
        Optional<String> dir;
        try {
            dir = tpmDirNamed(file);
        } catch (IOException unreadable) {
            dir = Optional.empty();
        }
        Files.deleteIfExists(file);
        if (dir.isPresent()) {
            deleteTree(file.resolveSibling(dir.get()));
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
        return software.isPresent() ? new ECDSASigner(software.get()) : new TpmSigner(tpm.orElseThrow());
    }

    /** The key this device has, if it made one (devices activated by an older agent have none: token only). */
    public static Optional<DeviceKey> load(Path file) throws IOException {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        String text = Files.readString(file, StandardCharsets.UTF_8);
        try {
            com.fasterxml.jackson.databind.JsonNode n = new com.fasterxml.jackson.databind.ObjectMapper().readTree(text);
            if (n != null && Binding.TPM.key().equals(n.path("binding").asText())) {
                TpmKey key = TpmKey.load(file.resolveSibling(n.path("dir").asText(tpmDir(file))), n.path("tcti").asText());
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

    /** The public half as a JWK, for the server. */
    public String publicJwk() {
        return publicKey.toJSONString();
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
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

    /** Nimbus's signer interface over the TPM: the signing input goes in, JWS's ES256 r‖s comes out. */
    private record TpmSigner(TpmKey key) implements com.nimbusds.jose.JWSSigner {
        @Override
        public com.nimbusds.jose.util.Base64URL sign(JWSHeader header, byte[] signingInput) throws JOSEException {
            try {
                return com.nimbusds.jose.util.Base64URL.encode(key.sign(signingInput));
            } catch (IOException e) {
                throw new JOSEException("the TPM did not sign: " + e.getMessage(), e);
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
