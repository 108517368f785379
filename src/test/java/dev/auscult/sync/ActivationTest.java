package dev.auscult.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.auscult.MainRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `activate` through the real CLI against the fake backend on loopback: every outcome and its exit code. */
class ActivationTest {

    @TempDir
    Path home;

    private FakeBackend backend;
    private SyncTestSupport env;

    @BeforeEach
    void setUp() throws Exception {
        env = new SyncTestSupport(home);
        backend = new FakeBackend();
        backend.addAccount("acme");
    }

    @AfterEach
    void tearDown() {
        backend.close();
        env.close();
    }

    private MainRunner.Run activate(String code, String... extra) {
        String[] base = {"activate", "--email", "alice@example.com", "--account", "acme", "--code", code, "--backend", backend.url().toString()};
        String[] all = java.util.stream.Stream.concat(java.util.Arrays.stream(base), java.util.Arrays.stream(extra)).toArray(String[]::new);
        return MainRunner.run(all);
    }

    @Test
    void activationStoresTheIdentityAndAnOwnerOnlyToken() throws Exception {
        MainRunner.Run run = activate(backend.newCode("acme"));
        assertEquals(0, run.code(), run.err());
        assertTrue(run.out().startsWith("Activated: device dev-"), run.out());
        Path creds = home.resolve("config/credentials.json");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(creds)));
        String token = new com.fasterxml.jackson.databind.ObjectMapper().readTree(Files.readString(creds)).get("acme").asText();
        assertTrue(token.startsWith("tok-"));
        String activation = Files.readString(home.resolve("config/activation.json"));
        assertTrue(activation.contains("\"accountId\" : \"acme\""), activation);
        assertFalse(activation.contains(token), "the token is never stored outside the credential store");
        assertFalse(run.out().contains(token) || run.err().contains(token));
        MainRunner.Run status = MainRunner.run("status");
        assertTrue(status.out().contains("Account:         acme"), status.out());
        assertFalse(status.out().contains(token));
    }

    /** The activation e-mail gives the server's address, not its API's: the agent finds the API and says whom it activates with. */
    @Test
    void theServersAddressFromTheMailIsEnough() {
        String address = backend.url().toString().replace("/graphql", "/");
        MainRunner.Run run = MainRunner.run("activate", "--email", "alice@example.com", "--account", "acme", "--code", backend.newCode("acme"),
                "--backend", address);
        assertEquals(0, run.code(), run.err());
        assertTrue(run.out().contains("Activating with Org acme (127.0.0.1)."), run.out());
    }

    @Test
    void theJupiterOneAgentsCommandFormStillWorks() {
        MainRunner.Run run = MainRunner.run("j1-endpoint-agent", "activate", "--email", "bob@example.com", "--account", "acme",
                "--code", backend.newCode("acme"), "--backend", backend.url().toString());
        assertEquals(0, run.code(), run.err());
        // its mistakes are told in the words the script used, not in Auscult's own command's
        MainRunner.Run wrong = MainRunner.run("j1-endpoint-agent", "activate", "--email", "bob@example.com", "--account", "acme",
                "--code", "NOTACODE", "--backend", backend.url().toString(), "--force");
        assertEquals(10, wrong.code(), wrong.err());
        assertTrue(wrong.err().startsWith("j1-endpoint-agent activate: "), wrong.err());
    }

    @Test
    void syncOnARevokedDeviceSaysActivateAgainWithItsOwnExitCode() {
        assertEquals(0, activate(backend.newCode("acme")).code());
        backend.revokeTokens();
        MainRunner.Run sync = MainRunner.run("sync");
        assertEquals(15, sync.code(), "not 12, which means \"unreachable, try later\": " + sync.err());
    }

    @Test
    void wrongUsedCodesUnknownAccountsAndAnUnreachableBackendEachHaveTheirExitCode() {
        assertEquals(10, activate("NOTACODE").code());
        String code = backend.newCode("acme");
        assertEquals(0, activate(code).code());
        MainRunner.Run reused = activate(code, "--force");
        assertEquals(10, reused.code());
        assertTrue(reused.err().contains("already been used"), reused.err());
        assertEquals(11, MainRunner.run("activate", "--email", "a@b.c", "--account", "nope", "--code", "X", "--backend", backend.url().toString(), "--force").code());
        backend.down();
        MainRunner.Run down = activate("X", "--force");
        assertEquals(12, down.code());
        assertTrue(down.err().contains("could not be reached: nothing answers at that address and port"), down.err());
        assertTrue(!down.err().contains("Exception"), "the transport's class names stay in the debug log: " + down.err());
    }

    @Test
    void anActivatedDeviceNeedsForceToActivateAgain() throws Exception {
        assertEquals(0, activate(backend.newCode("acme")).code());
        MainRunner.Run again = activate(backend.newCode("acme"));
        assertEquals(13, again.code());
        assertTrue(again.err().contains("--force"));
        assertEquals(0, activate(backend.newCode("acme"), "--force").code());
    }

    @Test
    void plainHttpIsOnlyAcceptedOnThisMachine() {
        MainRunner.Run run = MainRunner.run("activate", "--email", "a@b.c", "--account", "acme", "--code", "X", "--backend", "http://backend.example.com/graphql");
        assertEquals(5, run.code());
        assertTrue(run.err().contains("must use https"), run.err());
    }

    @Test
    void missingOptionsAreUsageErrors() {
        assertEquals(2, MainRunner.run("activate", "--email", "a@b.c").code());
    }
}
