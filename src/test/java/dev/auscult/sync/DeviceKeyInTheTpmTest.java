package dev.auscult.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jwt.SignedJWT;
import dev.auscult.MainRunner;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The device key in a real TPM 2.0 (swtpm, reached with tpm2-tools as a laptop's chip is): activation makes it there,
 * requests are signed by it, the files kept are useless on another machine's TPM, and without a usable TPM the key
 * falls back to software and activation still works.
 */
class DeviceKeyInTheTpmTest {

    private static final boolean CI = System.getenv("CI") != null;
    @TempDir
    Path home;
    @TempDir
    Path tpms;
    private FakeBackend backend;
    private SyncTestSupport env;

    @BeforeEach
    void setUp() throws Exception {
        if (CI) {
            assertTrue(SoftwareTpm.installed(), "CI installs swtpm and tpm2-tools (.ci/run)");
        }
        assumeTrue(SoftwareTpm.installed(), "swtpm or tpm2-tools is not installed here");
        env = new SyncTestSupport(home);
        backend = new FakeBackend();
        backend.addAccount("acme");
    }

    @AfterEach
    void tearDown() {
        if (backend != null) {
            backend.close();
            env.close();
        }
    }

    private MainRunner.Run activate() {
        return MainRunner.run("activate", "--email", "alice@example.com", "--account", "acme", "--code", backend.newCode("acme"),
                "--backend", backend.url().toString());
    }

    @Test
    void activationMakesTheKeyInTheTpmAndEveryProofIsSignedThere() throws Exception {
        try (SoftwareTpm tpm = SoftwareTpm.start(tpms.resolve("laptop"))) {
            System.setProperty("auscult.tpm.tcti", tpm.tcti());
            MainRunner.Run run = activate();
            assertEquals(0, run.code(), run.err());

            Path keyFile = home.resolve("config/device-key.json");
            JsonNode kept = new ObjectMapper().readTree(keyFile.toFile());
            assertEquals("tpm", kept.path("binding").asText());
            assertFalse(kept.toString().contains("\"d\""), "no private key material outside the TPM: " + kept);
            assertTrue(Files.exists(home.resolve("config/device-key-tpm/key.priv")), "the TPM-wrapped private blob");
            assertEquals("tpm", backend.activations().getLast().get("keyBinding"), "the server is told where the key is held");

            DeviceKey key = DeviceKey.load(keyFile).orElseThrow();
            assertEquals(DeviceKey.Binding.TPM, key.binding());
            byte[] body = "{\"report\": 1}".getBytes(StandardCharsets.UTF_8);
            for (int i = 0; i < 3; i++) { // the saved key context is reused; each proof verifies
                SignedJWT proof = SignedJWT.parse(key.proof("POST", URI.create("https://auscult.example/graphql"), body, "tok-1", Instant.now()));
                ECKey registered = ECKey.parse(key.publicJwk());
                assertTrue(proof.verify(new ECDSAVerifier(registered)), "signed by the TPM key the server has");
                assertEquals(DeviceKey.sha256(body), proof.getJWTClaimsSet().getStringClaim("bh"));
            }
        }
    }

    @Test
    void theKeysFilesAreUselessOnAnotherMachinesTpm() throws Exception {
        Path copied = tpms.resolve("copied-key");
        try (SoftwareTpm laptop = SoftwareTpm.start(tpms.resolve("laptop"))) {
            TpmKey key = TpmKey.create(tpms.resolve("key"), laptop.tcti());
            assertEquals(64, key.sign("hello".getBytes(StandardCharsets.UTF_8)).length, "ES256 r‖s");
            Files.createDirectories(copied);
            try (var files = Files.list(tpms.resolve("key"))) {
                for (Path f : files.toList()) {
                    Files.copy(f, copied.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        try (SoftwareTpm other = SoftwareTpm.start(tpms.resolve("another-machine"))) {
            TpmKey stolen = TpmKey.load(copied, other.tcti());
            var e = assertThrows(java.io.IOException.class, () -> stolen.sign("hello".getBytes(StandardCharsets.UTF_8)));
            assertTrue(e.getMessage().startsWith("tpm2_load failed"), "the wrapped key does not load into another TPM: " + e.getMessage());
        }
    }

    @Test
    void withoutAUsableTpmTheKeyIsHeldInSoftwareAndActivationWorks() throws Exception {
        System.setProperty("auscult.tpm.tcti", "swtpm:host=127.0.0.1,port=1"); // nothing listens there
        MainRunner.Run run = activate();
        assertEquals(0, run.code(), run.err());
        JsonNode kept = new ObjectMapper().readTree(home.resolve("config/device-key.json").toFile());
        assertEquals("EC", kept.path("kty").asText(), "a software key");
        assertEquals("software", backend.activations().getLast().get("keyBinding"));
        assertFalse(Files.exists(home.resolve("config/device-key-tpm")), "nothing of the failed TPM key is left");
        try (var left = Files.list(home.resolve("config"))) {
            assertTrue(left.noneMatch(p -> p.getFileName().toString().startsWith("device-key-tpm.new")), "no half-made key directory");
        }
    }
}
