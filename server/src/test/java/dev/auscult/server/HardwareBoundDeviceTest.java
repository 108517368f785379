package dev.auscult.server;

import dev.auscult.server.store.Account;

import dev.auscult.server.service.Actor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.auscult.policy.PolicyLoader;
import dev.auscult.server.service.DeviceStanding;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A device whose key is held in a real TPM 2.0 (Debian's swtpm, reached by the agent's own tpm2-tools code) against the
 * running server: its signed reports are accepted, the console says where its key is held, and a policy that asks for
 * a hardware-held key ({@code auscult.signIn.hardwareKey: block}) stops the software-keyed device at sign-in only.
 */
class HardwareBoundDeviceTest {

    private static final boolean CI = System.getenv("CI") != null;
    @TempDir
    Path dir;
    private RunningServer server;
    private Process swtpm;

    @BeforeEach
    void start() throws Exception {
        boolean installed = Files.isExecutable(Path.of("/usr/bin/swtpm")) && Files.isExecutable(Path.of("/usr/bin/tpm2_sign"));
        if (CI) {
            assertTrue(installed, "CI installs swtpm and tpm2-tools (.ci/run)");
        }
        assumeTrue(installed, "swtpm or tpm2-tools is not installed here");
        server = RunningServer.start(new TestDatabases.Kind("SQLite").freshUrl(), m -> { });
        server.services.accounts().create("acme", "Acme", "test");
        server.services.admins().create(new Account("acme"), "auditor@acme.example", "correct horse battery", dev.auscult.server.service.Role.AUDITOR, "test");
    }

    @AfterEach
    void stop() throws Exception {
        System.clearProperty("auscult.tpm.tcti");
        if (swtpm != null) {
            swtpm.destroy();
            swtpm.waitFor(5, TimeUnit.SECONDS);
        }
        if (server != null) {
            server.close();
        }
    }

    /** swtpm on loopback (its control channel on the next port, where the TCTI looks for it). */
    private String startTpm() throws Exception {
        Path state = Files.createDirectories(dir.resolve("tpm"));
        for (int tries = 0; tries < 50; tries++) {
            int port;
            try (ServerSocket s = new ServerSocket(0)) {
                port = s.getLocalPort();
            }
            try (ServerSocket next = new ServerSocket(port + 1)) {
                next.close();
            } catch (java.io.IOException taken) {
                continue;
            }
            swtpm = new ProcessBuilder(List.of("/usr/bin/swtpm", "socket", "--tpm2", "--server", "type=tcp,port=" + port + ",bindaddr=127.0.0.1",
                    "--ctrl", "type=tcp,port=" + (port + 1) + ",bindaddr=127.0.0.1", "--tpmstate", "dir=" + state, "--flags",
                    "not-need-init,startup-clear")).redirectErrorStream(true).redirectOutput(state.resolve("log").toFile()).start();
            for (int i = 0; i < 200; i++) {
                try (var c = new java.net.Socket("127.0.0.1", port)) {
                    return "swtpm:host=127.0.0.1,port=" + port;
                } catch (java.io.IOException notYet) {
                    Thread.sleep(50);
                }
            }
        }
        throw new IllegalStateException("swtpm did not start");
    }

    @Test
    void aTpmKeyedDeviceReportsAndIsAdmittedWhereASoftwareKeyIsNot() throws Exception {
        System.setProperty("auscult.tpm.tcti", startTpm());
        TrustedDevice tpmLaptop = TrustedDevice.activate(server, dir, "tpm-laptop", "acme", "alice@acme.example");
        System.setProperty("auscult.tpm.tcti", "none");
        TrustedDevice softLaptop = TrustedDevice.activate(server, dir, "soft-laptop", "acme", "bob@acme.example");
        var policy = new PolicyLoader().bundled();
        tpmLaptop.report(policy, true);   // each upload carries a DPoP proof the TPM signed; the server checks it
        softLaptop.report(policy, true);

        var tpmDevice = server.services.devices().find(new Account("acme"), tpmLaptop.record().deviceId()).orElseThrow();
        var softDevice = server.services.devices().find(new Account("acme"), softLaptop.record().deviceId()).orElseThrow();
        assertTrue(tpmDevice.hardwareBound());
        assertTrue(tpmDevice.latestReport().isPresent(), "the TPM-signed report was accepted");
        ConsoleSession auditor = ConsoleSession.signIn(server.base(), "auditor@acme.example", "correct horse battery");
        assertTrue(auditor.get("/console/devices/" + tpmDevice.id()).body().contains("device key held in the TPM (hardware, not exportable)"));
        assertTrue(auditor.get("/console/devices/" + softDevice.id()).body().contains("device key (software, ES256)"));
        assertTrue(server.services.audit().recent(new Account("acme"), 20).stream().anyMatch(e -> e.detail().contains("with a device key held in its TPM")));

        server.services.policies().publish(new Account("acme"), Optional.empty(), "policy.yaml",
                "firewall: IF_SUPPORTED\nauscult:\n  signIn:\n    default: report\n    hardwareKey: block\n", Actor.cli("acme", "test"));
        DeviceStanding standing = new DeviceStanding(server.services.reports(), server.services.policies(), server.services.signInExceptions(),
                Clock.systemUTC());
        assertEquals(DeviceStanding.Decision.ALLOWED, standing.of(tpmDevice).decision());
        DeviceStanding.Standing soft = standing.of(softDevice);
        assertEquals(DeviceStanding.Decision.DENIED, soft.decision());
        assertEquals(List.of(DeviceStanding.HARDWARE_KEY), soft.deciding());
    }

    @Test
    void aTpmKeyIsReplacedByAnotherTpmKeyWhenTheConsoleAsks() throws Exception {
        System.setProperty("auscult.tpm.tcti", startTpm());
        TrustedDevice laptop = TrustedDevice.activate(server, dir, "tpm-laptop", "acme", "alice@acme.example");
        Path keyFile = laptop.state().deviceKeyFile();
        String before = dev.auscult.sync.DeviceKey.load(keyFile).orElseThrow().thumbprint();
        assertTrue(java.nio.file.Files.isDirectory(keyFile.resolveSibling("device-key-tpm")));

        server.services.deviceKeys().askRotation(new Account("acme"), laptop.record().deviceId(), Actor.cli("acme", "test"));
        laptop.report(new PolicyLoader().bundled(), true);   // the answer asks; the agent makes the new key in the TPM

        var key = dev.auscult.sync.DeviceKey.load(keyFile).orElseThrow();
        var device = server.services.devices().find(new Account("acme"), laptop.record().deviceId()).orElseThrow();
        assertEquals(dev.auscult.sync.DeviceKey.Binding.TPM, key.binding());
        assertTrue(device.hardwareBound(), "still held in hardware");
        assertEquals(key.thumbprint(), device.keyThumbprint().orElseThrow());
        assertTrue(!before.equals(key.thumbprint()), "a new key");
        assertTrue(!java.nio.file.Files.exists(keyFile.resolveSibling("device-key-tpm")), "the old key's blobs are gone");
        try (var files = java.nio.file.Files.list(keyFile.getParent())) {
            assertEquals(1, files.filter(f -> f.getFileName().toString().contains("-tpm")).count(), "one set of TPM blobs: the new key's");
        }
        laptop.report(new PolicyLoader().bundled(), true);   // signed by the new TPM key, accepted
    }

    @Test
    void aSecureEnclaveKeyCountsAsHardware() throws Exception {
        var key = dev.auscult.sync.DeviceKey.generate();
        String code = server.services.codes().issue(new Account("acme"), "alice@acme.example").code();
        java.util.Map<String, Object> input = new java.util.HashMap<>(Http.activation("acme", "alice@acme.example", code, "mac-1").get("input") instanceof
                java.util.Map<?, ?> m ? (java.util.Map<String, Object>) m : java.util.Map.of());
        input.put("publicKey", key.publicJwk());
        input.put("keyBinding", "secure-enclave");
        var a = Http.json(Http.graphql(server.graphql(), Http.ACTIVATE, java.util.Map.of("input", input), java.util.Map.of()));
        String id = a.at("/data/activateDevice/deviceId").asText();
        var device = server.services.devices().find(new Account("acme"), id).orElseThrow();
        assertTrue(device.hardwareBound(), a.toString());
        assertTrue(device.binding().startsWith("device key held in the Secure Enclave"));
        assertTrue(server.services.audit().recent(new Account("acme"), 20).stream().anyMatch(e -> e.detail().contains("held in its Secure Enclave")));
    }
}
