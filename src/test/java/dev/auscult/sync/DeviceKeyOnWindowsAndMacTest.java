package dev.auscult.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The device key in Windows' key storage (CNG: the TPM's Platform Crypto Provider, else the software provider) and in
 * a Mac's Secure Enclave, through the agent's real code and real processes. Neither can run on Linux, so the programs
 * the agent calls are stand-ins (src/test/resources/fakes) that answer the same commands in the documented formats —
 * a BCRYPT_ECCPUBLIC_BLOB and P1363 signatures for CNG, the helper's own lines for the Secure Enclave — and refuse a
 * script that does not ask for a non-exportable signing key. What is tested: the scripts and commands we send, the
 * parsing of the answers, that proofs signed this way verify, the fallbacks, and that nothing private is kept on disk.
 */
class DeviceKeyOnWindowsAndMacTest {

    @TempDir
    Path dir;

    private Path bin;
    private Path store;

    @BeforeEach
    void programs() throws Exception {
        bin = Files.createDirectories(dir.resolve("bin"));
        store = Files.createDirectories(dir.resolve("store"));
        stub("powershell", "FakeCngPowerShell.java", store);
        stub("auscult-se-key", "FakeSecureEnclave.java", store);
        System.setProperty("auscult.cng.programs", bin.toString());
        System.setProperty("auscult.seKeyHelper", bin.resolve("auscult-se-key").toString());
    }

    @AfterEach
    void clear() {
        System.clearProperty("auscult.cng.programs");
        System.clearProperty("auscult.seKeyHelper");
    }

    /** A program in {@code bin} that runs one of the stand-ins with this JDK, keeping its keys in {@code keys}. */
    private void stub(String name, String source, Path keys) throws Exception {
        Path src = Path.of(getClass().getResource("/fakes/" + source).toURI());
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Path program = bin.resolve(name);
        Files.writeString(program, "#!/bin/sh\nexec '" + java + "' -Dfake.dir='" + keys + "' '" + src + "' \"$@\"\n");
        Files.setPosixFilePermissions(program, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private static boolean verifies(DeviceKey key) throws Exception {
        byte[] body = "{\"report\":1}".getBytes(StandardCharsets.UTF_8);
        SignedJWT proof = SignedJWT.parse(key.proof("POST", URI.create("https://auscult.example/graphql"), body, "token", Instant.now()));
        return proof.verify(new ECDSAVerifier(ECKey.parse(key.publicJwk())));
    }

    private JsonNode keyFile(Path file) throws Exception {
        return new ObjectMapper().readTree(Files.readString(file));
    }

    @Test
    void windowsMakesTheKeyInTheTpmAndKeepsOnlyItsName() throws Exception {
        Path file = dir.resolve("config/device-key.json");
        Files.createDirectories(file.getParent());
        DeviceKey key = DeviceKey.generate(file, new HardwareKeys(HardwareKeys.windows(WindowsCngKey.runner())));
        assertEquals(DeviceKey.Binding.TPM, key.binding());
        key.save(file);

        JsonNode saved = keyFile(file);
        assertEquals("windows-cng", saved.path("holder").asText());
        assertEquals(WindowsCngKey.PLATFORM, saved.path("provider").asText());
        assertFalse(saved.toString().contains("\"d\""), "no private key in the file: " + saved);
        DeviceKey loaded = DeviceKey.load(file).orElseThrow();
        assertEquals(key.thumbprint(), loaded.thumbprint());
        assertTrue(verifies(loaded), "a proof signed by the TPM through CNG verifies with the registered key");
    }

    @Test
    void withoutATpmWindowsKeepsTheKeyInItsSoftwareKeyStorageAndWithNeitherInAFile() throws Exception {
        Path file = dir.resolve("device-key.json");
        Files.createFile(store.resolve("no-tpm"));
        DeviceKey ksp = DeviceKey.generate(file, new HardwareKeys(HardwareKeys.windows(WindowsCngKey.runner())));
        assertEquals(DeviceKey.Binding.SOFTWARE, ksp.binding(), "software, honestly reported, though not exportable");
        ksp.save(file);
        assertEquals(WindowsCngKey.SOFTWARE, keyFile(file).path("provider").asText());
        assertTrue(verifies(DeviceKey.load(file).orElseThrow()));

        Files.createFile(store.resolve("broken"));
        Path other = dir.resolve("other-key.json");
        DeviceKey fallback = DeviceKey.generate(other, new HardwareKeys(HardwareKeys.windows(WindowsCngKey.runner())));
        assertEquals(DeviceKey.Binding.SOFTWARE, fallback.binding());
        fallback.save(other);
        assertTrue(keyFile(other).has("d"), "the last resort: a key file only this user can read");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(other)));
    }

    @Test
    void aReplacedWindowsKeyIsDeletedFromTheKeyStorage() throws Exception {
        Path file = dir.resolve("device-key.json");
        Path pending = dir.resolve("device-key.next.json");
        HardwareKeys windows = new HardwareKeys(HardwareKeys.windows(WindowsCngKey.runner()));
        DeviceKey.generate(file, windows).save(file);
        DeviceKey.generate(pending, windows).savePending(pending);
        try (var keys = Files.list(store)) {
            assertEquals(2, keys.filter(p -> p.getFileName().toString().startsWith("tpm-")).count());
        }
        DeviceKey.promote(pending, file);
        try (var keys = Files.list(store)) {
            assertEquals(1, keys.filter(p -> p.getFileName().toString().startsWith("tpm-")).count(), "the old key is gone from the TPM");
        }
        assertTrue(verifies(DeviceKey.load(file).orElseThrow()));
    }

    @Test
    void aMacKeepsTheKeyInTheSecureEnclaveAndItsBlobSignsOnNoOtherMac() throws Exception {
        Path file = dir.resolve("device-key.json");
        assertTrue(HardwareKeys.forThisMachine().makers().stream().anyMatch(m -> m.name().equals("the Secure Enclave")));
        DeviceKey key = DeviceKey.generate(file, new HardwareKeys(List.of(HardwareKeys.secureEnclave(SecureEnclaveKey.runner(),
                SecureEnclaveKey.helper().orElseThrow()))));
        assertEquals(DeviceKey.Binding.SECURE_ENCLAVE, key.binding());
        key.save(file);
        assertEquals("secure-enclave", keyFile(file).path("holder").asText());
        assertFalse(keyFile(file).has("d"));
        assertTrue(verifies(DeviceKey.load(file).orElseThrow()));

        // the key file copied to another Mac: its Secure Enclave cannot unwrap the blob
        Path otherMac = Files.createDirectories(dir.resolve("other-mac"));
        stub("auscult-se-key", "FakeSecureEnclave.java", otherMac);
        DeviceKey copied = DeviceKey.load(file).orElseThrow();
        assertThrows(IllegalStateException.class, () -> verifies(copied), "the copy cannot sign");
    }
}
