package dev.auscult.server;

import dev.auscult.server.store.Account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.auscult.server.service.Actor;
import dev.auscult.server.service.Role;
import dev.auscult.sync.ApiToken;
import dev.auscult.sync.BackendClient;
import dev.auscult.sync.DeviceKey;
import dev.auscult.sync.KeyRotation;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * An administrator asks a device for a new key; the device makes it at its next report and registers it signed with
 * the key it had, and from then on only the new key is accepted. A crash on either side of the server's answer
 * loses nothing; a new key its sender does not hold, another device's request and a token-only device are refused.
 */
@ParameterizedClass(name = "{0}")
@MethodSource("dev.auscult.server.TestDatabases#all")
class DeviceKeyRotationTest {

    @Parameter
    TestDatabases.Kind db;

    @TempDir
    Path dir;

    private RunningServer server;

    @BeforeEach
    void start() throws Exception {
        server = RunningServer.start(db.freshUrl(), m -> { });
        server.services.accounts().create("acme", "Acme", "test");
        server.services.people().importCsv(new Account("acme"), "alice@acme.example,Alice,eng\nbob@acme.example,Bob,ops\n", Actor.cli("acme", "test"));
        server.services.admins().create(new Account("acme"), "owner@acme.example", "correct horse battery", Role.OWNER, "test");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private String serverThumbprint(TrustedDevice d) {
        return server.services.devices().find(new Account("acme"), d.record().deviceId()).orElseThrow().keyThumbprint().orElseThrow();
    }

    private List<String> audit(String action) {
        return server.services.audit().recent(new Account("acme"), 100).stream().filter(e -> e.action().equals(action)).map(e -> e.detail()).toList();
    }

    /** A report request signed with {@code key}: what a copy of the old key would send. */
    private JsonNode reportSignedBy(TrustedDevice d, DeviceKey key, String reportId) throws Exception {
        String token = d.credentials().load("acme").orElseThrow().value();
        String body = Http.JSON.writeValueAsString(Map.of("query", Http.REPORT, "variables", Map.of("input", Map.of("deviceId", d.record().deviceId(),
                "reportId", reportId, "report", AgentReports.debian11()))));
        return Http.json(Http.send(java.net.http.HttpRequest.newBuilder(server.graphql()).header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + token).header("JupiterOne-Account", "acme")
                .header("DPoP", key.proof("POST", server.graphql(), body.getBytes(StandardCharsets.UTF_8), token, Instant.now()))
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body)).build()));
    }

    @Test
    void theConsoleAsksAndTheDeviceReplacesItsKeyAtItsNextReport() throws Exception {
        TrustedDevice alice = TrustedDevice.activate(server, dir, "alice-laptop", "acme", "alice@acme.example");
        DeviceKey before = DeviceKey.load(alice.state().deviceKeyFile()).orElseThrow();
        assertEquals(before.thumbprint(), serverThumbprint(alice));

        ConsoleSession owner = ConsoleSession.signIn(server.base(), "owner@acme.example", "correct horse battery");
        String page = owner.get("/console/devices/" + alice.record().deviceId()).body();
        assertTrue(page.contains("id=\"rotate-key\""), "a key-bound device offers the button");
        assertEquals(302, owner.post("/console/devices/" + alice.record().deviceId() + "/rotate-key", Map.of()).statusCode());
        page = owner.get("/console/devices/" + alice.record().deviceId()).body();
        assertTrue(page.contains("id=\"rotation-asked\""), page);
        assertFalse(page.contains("id=\"rotate-key\""), "asked once is enough");
        assertEquals(1, audit("device.key-rotation-asked").size());

        alice.outbox().add(AgentReports.debian11());
        assertEquals(1, alice.uploader().drain().uploaded());

        DeviceKey after = DeviceKey.load(alice.state().deviceKeyFile()).orElseThrow();
        assertNotEquals(before.thumbprint(), after.thumbprint(), "a new key on the device");
        assertEquals(after.thumbprint(), serverThumbprint(alice), "and the same one on the server");
        assertFalse(Files.exists(alice.state().deviceKeyFile().resolveSibling("device-key.next.json")), "nothing pending");
        assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(alice.state().deviceKeyFile())));
        assertTrue(server.services.devices().find(new Account("acme"), alice.record().deviceId()).orElseThrow().keyRotationAskedAt().isEmpty());
        assertEquals(1, audit("device.key-rotated").size(), audit("device.key-rotated").toString());
        page = owner.get("/console/devices/" + alice.record().deviceId()).body();
        assertFalse(page.contains("id=\"rotation-asked\""));
        assertTrue(page.contains("id=\"rotate-key\""), "it can be asked again");

        alice.outbox().add(AgentReports.debian11());
        assertEquals(1, alice.uploader().drain().uploaded(), "reports go on, signed with the new key");
        JsonNode old = reportSignedBy(alice, before, "with-the-old-key");
        assertEquals("UNAUTHENTICATED", old.at("/errors/0/extensions/code").asText(), "the old key is worth nothing now: " + old);
        assertEquals(2, server.services.reports().history(new Account("acme"), alice.record().deviceId(), 10).size(), "0 accepted with the old key");
    }

    @Test
    void theApiAsksToo() throws Exception {
        TrustedDevice alice = TrustedDevice.activate(server, dir, "alice-laptop", "acme", "alice@acme.example");
        String token = server.services.apiTokens().create(new Account("acme"), "rotation-script", Role.OWNER, 1, Actor.cli("acme", "test")).secret();
        var res = Http.send(java.net.http.HttpRequest.newBuilder(server.base().resolve("/api/v1/devices/" + alice.record().deviceId() + "/rotate-key"))
                .header("Authorization", "Bearer " + token).POST(java.net.http.HttpRequest.BodyPublishers.noBody()).build());
        assertEquals(202, res.statusCode(), res.body());
        JsonNode d = Http.json(Http.send(java.net.http.HttpRequest.newBuilder(server.base().resolve("/api/v1/devices/" + alice.record().deviceId()))
                .header("Authorization", "Bearer " + token).GET().build()));
        assertEquals("software", d.path("key").asText(), d.toString());
        assertTrue(d.has("keyRotationAsked"), d.toString());
        var unknown = Http.send(java.net.http.HttpRequest.newBuilder(server.base().resolve("/api/v1/devices/dev_nobody/rotate-key"))
                .header("Authorization", "Bearer " + token).POST(java.net.http.HttpRequest.BodyPublishers.noBody()).build());
        assertEquals(404, unknown.statusCode());
    }

    @Test
    void aCrashAfterTheServerTookTheNewKeyIsFinishedAtTheNextReport() throws Exception {
        TrustedDevice alice = TrustedDevice.activate(server, dir, "alice-laptop", "acme", "alice@acme.example");
        DeviceKey before = DeviceKey.load(alice.state().deviceKeyFile()).orElseThrow();
        server.services.deviceKeys().askRotation(new Account("acme"), alice.record().deviceId(), Actor.cli("acme", "test"));
        ApiToken token = alice.credentials().load("acme").orElseThrow();
        KeyRotation rotation = new KeyRotation(alice.state(), Clock.systemUTC(), Map.of());

        // the agent made its new key and the server took it, then the agent died before keeping it
        DeviceKey next = DeviceKey.generate();
        next.savePending(rotation.pendingFile());
        new BackendClient(server.graphql(), Duration.ofSeconds(30), Map.of()).signedBy(Optional.of(before)).execute("RotateDeviceKey",
                Map.of("input", Map.of("deviceId", alice.record().deviceId(), "publicKey", next.publicJwk(), "keyBinding", "software",
                        "possessionProof", next.possession(alice.record().deviceId(), Instant.now()))), "acme", Optional.of(token));
        assertEquals(next.thumbprint(), serverThumbprint(alice));
        assertEquals(before.thumbprint(), DeviceKey.load(alice.state().deviceKeyFile()).orElseThrow().thumbprint(), "the device still has its old key");

        // its old key is refused now; the next rotation finds the pending key is the one the server holds
        assertEquals(next.thumbprint(), rotation.rotate(alice.record(), token));
        assertEquals(next.thumbprint(), DeviceKey.load(alice.state().deviceKeyFile()).orElseThrow().thumbprint());
        alice.outbox().add(AgentReports.debian11());
        assertEquals(1, alice.uploader().drain().uploaded(), "the device works on with the key the server holds");
    }

    @Test
    void aCrashBeforeTheServerTookItSendsTheSamePendingKeyAgain() throws Exception {
        TrustedDevice alice = TrustedDevice.activate(server, dir, "alice-laptop", "acme", "alice@acme.example");
        server.services.deviceKeys().askRotation(new Account("acme"), alice.record().deviceId(), Actor.cli("acme", "test"));
        KeyRotation rotation = new KeyRotation(alice.state(), Clock.systemUTC(), Map.of());
        DeviceKey next = DeviceKey.generate();
        next.savePending(rotation.pendingFile());     // made and kept, never sent
        assertEquals(next.thumbprint(), rotation.rotate(alice.record(), alice.credentials().load("acme").orElseThrow()));
        assertEquals(next.thumbprint(), serverThumbprint(alice));
    }

    @Test
    void aKeyItsSenderDoesNotHoldAnotherDevicesRequestAndATokenOnlyDeviceAreRefused() throws Exception {
        TrustedDevice alice = TrustedDevice.activate(server, dir, "alice-laptop", "acme", "alice@acme.example");
        TrustedDevice bob = TrustedDevice.activate(server, dir, "bob-laptop", "acme", "bob@acme.example");
        DeviceKey aliceKey = DeviceKey.load(alice.state().deviceKeyFile()).orElseThrow();
        String aliceBefore = serverThumbprint(alice);
        BackendClient asAlice = new BackendClient(server.graphql(), Duration.ofSeconds(30), Map.of()).signedBy(Optional.of(aliceKey));
        Optional<ApiToken> aliceToken = alice.credentials().load("acme");

        // someone else's public key, "proven" by a key they do hold
        DeviceKey theirs = DeviceKey.generate();
        DeviceKey mine = DeviceKey.generate();
        var notHeld = assertThrows(dev.auscult.sync.BackendException.class, () -> asAlice.execute("RotateDeviceKey", Map.of("input",
                Map.of("deviceId", alice.record().deviceId(), "publicKey", theirs.publicJwk(), "possessionProof",
                        mine.possession(alice.record().deviceId(), Instant.now()))), "acme", aliceToken));
        assertEquals(dev.auscult.sync.BackendException.Kind.REJECTED, notHeld.kind(), notHeld.getMessage());
        // a proof made for another device
        var forBob = assertThrows(dev.auscult.sync.BackendException.class, () -> asAlice.execute("RotateDeviceKey", Map.of("input",
                Map.of("deviceId", alice.record().deviceId(), "publicKey", mine.publicJwk(), "possessionProof",
                        mine.possession(bob.record().deviceId(), Instant.now()))), "acme", aliceToken));
        assertEquals(dev.auscult.sync.BackendException.Kind.REJECTED, forBob.kind());
        // alice's signed request naming bob's device
        var other = assertThrows(dev.auscult.sync.BackendException.class, () -> asAlice.execute("RotateDeviceKey", Map.of("input",
                Map.of("deviceId", bob.record().deviceId(), "publicKey", mine.publicJwk(), "possessionProof",
                        mine.possession(bob.record().deviceId(), Instant.now()))), "acme", aliceToken));
        assertEquals(dev.auscult.sync.BackendException.Kind.UNAUTHORIZED, other.kind());
        // the token alone, without the current key's proof
        var unsigned = assertThrows(dev.auscult.sync.BackendException.class, () -> new BackendClient(server.graphql(), Duration.ofSeconds(30), Map.of())
                .execute("RotateDeviceKey", Map.of("input", Map.of("deviceId", alice.record().deviceId(), "publicKey", mine.publicJwk(),
                        "possessionProof", mine.possession(alice.record().deviceId(), Instant.now()))), "acme", aliceToken));
        assertEquals(dev.auscult.sync.BackendException.Kind.UNAUTHORIZED, unsigned.kind());
        assertEquals(aliceBefore, serverThumbprint(alice), "0 keys replaced");
        assertEquals(2, audit("device.key-rotation-refused").size(), audit("device.key-rotation-refused").toString());

        // a device activated by an agent without a key cannot be asked, and cannot bind one with its token alone
        String code = server.services.codes().issue(new Account("acme"), "bob@acme.example").code();
        JsonNode a = Http.json(Http.graphql(server.graphql(), Http.ACTIVATE, Http.activation("acme", "bob@acme.example", code, "old-1"), Map.of()))
                .at("/data/activateDevice");
        assertThrows(IllegalArgumentException.class, () -> server.services.deviceKeys().askRotation(new Account("acme"), a.path("deviceId").asText(),
                Actor.cli("acme", "test")));
        var tokenOnly = assertThrows(dev.auscult.sync.BackendException.class, () -> new BackendClient(server.graphql(), Duration.ofSeconds(30), Map.of())
                .execute("RotateDeviceKey", Map.of("input", Map.of("deviceId", a.path("deviceId").asText(), "publicKey", mine.publicJwk(),
                        "possessionProof", mine.possession(a.path("deviceId").asText(), Instant.now()))), "acme",
                        Optional.of(new ApiToken(a.path("apiToken").asText()))));
        assertEquals(dev.auscult.sync.BackendException.Kind.UNAUTHORIZED, tokenOnly.kind());
        assertTrue(server.services.devices().find(new Account("acme"), a.path("deviceId").asText()).orElseThrow().keyThumbprint().isEmpty());
    }

    @Test
    void aHelpdeskMayAskAnAuditorMayNotAndAnotherAccountGetsNothing() throws Exception {
        TrustedDevice alice = TrustedDevice.activate(server, dir, "alice-laptop", "acme", "alice@acme.example");
        assertThrows(RuntimeException.class, () -> server.services.deviceKeys().askRotation(new Account("acme"), alice.record().deviceId(),
                new Actor("acme", "reader", Role.AUDITOR, Actor.Door.API)));
        server.services.accounts().create("globex", "Globex", "test");
        assertThrows(RuntimeException.class, () -> server.services.deviceKeys().askRotation(new Account("globex"), alice.record().deviceId(),
                Actor.cli("globex", "test")), "another account's device is not found");
        assertThrows(RuntimeException.class, () -> server.services.deviceKeys().askRotation(new Account("acme"), alice.record().deviceId(),
                Actor.cli("globex", "test")), "an actor of another account");
        server.services.deviceKeys().askRotation(new Account("acme"), alice.record().deviceId(), new Actor("acme", "harry@acme.example", Role.HELPDESK, Actor.Door.CONSOLE));
        assertTrue(server.services.devices().find(new Account("acme"), alice.record().deviceId()).orElseThrow().keyRotationAskedAt().isPresent());
    }
}
