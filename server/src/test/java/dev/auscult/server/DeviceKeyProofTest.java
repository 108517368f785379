package dev.auscult.server;

import dev.auscult.server.store.Account;

import dev.auscult.server.service.Actor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.auscult.sync.BackendException;
import dev.auscult.sync.DeviceKey;
import dev.auscult.sync.FileCredentialStore;
import dev.auscult.sync.Outbox;
import dev.auscult.sync.ReportUploader;
import dev.auscult.sync.SyncStateStore;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
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
 * A device that cannot be copied by copying its token: the agent makes a key at activation and signs every request
 * (DPoP with the body's hash). Its reports are accepted; the token alone from another home, a replayed request and a
 * request signed by another device's key are each refused (0 accepted) and audited; an agent without a key keeps
 * working on its token (shown as "token only").
 */
@ParameterizedClass(name = "{0}")
@MethodSource("dev.auscult.server.TestDatabases#all")
class DeviceKeyProofTest {

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
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private TrustedDevice activate(String name, String email) throws Exception {
        return TrustedDevice.activate(server, dir, name, "acme", email);
    }

    private List<String> refusals() {
        return server.services.audit().recent(new Account("acme"), 50).stream().filter(e -> e.action().equals("device.proof-refused")).map(e -> e.detail()).toList();
    }

    @Test
    void signedReportsAreAcceptedAndACopiedTokenIsNot() throws Exception {
        TrustedDevice alice = activate("alice-laptop", "alice@acme.example");
        assertTrue(Files.exists(alice.state().deviceKeyFile()));
        assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(alice.state().deviceKeyFile())));
        alice.outbox().add(AgentReports.debian11());
        assertEquals(1, alice.uploader().drain().uploaded(), "a signed report is stored");
        assertTrue(server.services.devices().find(new Account("acme"), alice.record().deviceId()).orElseThrow().binding().startsWith("device key"));

        // the token and the activation copied to another machine, without the key file
        Path copy = dir.resolve("copied");
        for (String f : List.of("config/credentials.json", "config/activation.json")) {
            Files.createDirectories(copy.resolve(f).getParent());
            Files.copy(dir.resolve("alice-laptop").resolve(f), copy.resolve(f));
        }
        SyncStateStore copiedState = new SyncStateStore(copy.resolve("config"), copy.resolve("state"));
        Outbox copiedOutbox = new Outbox(copy.resolve("state/outbox"), 50, Clock.systemUTC());
        copiedOutbox.add(AgentReports.debian11());
        ReportUploader.Outcome o = new ReportUploader(copiedOutbox, copiedState, new FileCredentialStore(copy.resolve("config/credentials.json")),
                Clock.systemUTC(), Map.of()).drain();
        assertEquals(0, o.uploaded());
        assertEquals(BackendException.Kind.UNAUTHORIZED, o.problem().orElseThrow().kind());
        assertTrue(refusals().stream().anyMatch(r -> r.contains("token used without the device key")), refusals().toString());
        assertEquals(1, server.services.reports().history(new Account("acme"), alice.record().deviceId(), 10).size(), "nothing more was stored");
        server.services.admins().create(new Account("acme"), "owner@acme.example", "correct horse battery", dev.auscult.server.service.Role.OWNER, "test");
        String page = ConsoleSession.signIn(server.base(), "owner@acme.example", "correct horse battery")
                .get("/console/devices/" + alice.record().deviceId()).body();
        assertTrue(page.contains("id=\"refused\"") && page.contains("token used without the device key"), "the device's page shows the refusal");
    }

    /** One reportScan request exactly as the agent sends it, with the proof given. */
    private JsonNode send(TrustedDevice who, String token, String proof, String reportId) throws Exception {
        String body = Http.JSON.writeValueAsString(Map.of("query", Http.REPORT, "variables", Map.of("input", Map.of("deviceId", who.record().deviceId(),
                "reportId", reportId, "report", AgentReports.debian11()))));
        return send(token, proof, body);
    }

    private JsonNode send(String token, String proof, String body) throws Exception {
        HttpResponse<String> r = Http.send(HttpRequest.newBuilder(server.graphql()).header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + token).header("JupiterOne-Account", "acme").header("DPoP", proof)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
        return Http.JSON.readTree(r.body());
    }

    @Test
    void aReplayedRequestAndAnotherDevicesSignatureAreRefused() throws Exception {
        TrustedDevice alice = activate("alice-laptop", "alice@acme.example");
        TrustedDevice bob = activate("bob-laptop", "bob@acme.example");
        String token = alice.credentials().load("acme").orElseThrow().value();
        DeviceKey aliceKey = DeviceKey.load(alice.state().deviceKeyFile()).orElseThrow();
        String body = Http.JSON.writeValueAsString(Map.of("query", Http.REPORT, "variables", Map.of("input", Map.of("deviceId", alice.record().deviceId(),
                "reportId", "r-1", "report", AgentReports.debian11()))));
        String proof = aliceKey.proof("POST", server.graphql(), body.getBytes(StandardCharsets.UTF_8), token, Instant.now());
        assertTrue(send(token, proof, body).path("errors").isEmpty(), "the first time, accepted");
        JsonNode replay = send(token, proof, body);
        assertEquals("UNAUTHENTICATED", replay.at("/errors/0/extensions/code").asText(), replay.toString());
        assertTrue(refusals().stream().anyMatch(r -> r.contains("used before")), refusals().toString());

        // Bob's key signing Alice's request: refused
        DeviceKey bobKey = DeviceKey.load(bob.state().deviceKeyFile()).orElseThrow();
        String bobsBody = body.replace("r-1", "r-2");
        JsonNode forged = send(token, bobKey.proof("POST", server.graphql(), bobsBody.getBytes(StandardCharsets.UTF_8), token, Instant.now()), bobsBody);
        assertEquals("UNAUTHENTICATED", forged.at("/errors/0/extensions/code").asText());
        assertTrue(refusals().stream().anyMatch(r -> r.contains("signed by another key")), refusals().toString());

        // a proof for another body (the report swapped after signing): refused
        String signedFor = body.replace("r-1", "r-3");
        JsonNode swapped = send(token, aliceKey.proof("POST", server.graphql(), signedFor.getBytes(StandardCharsets.UTF_8), token, Instant.now()),
                body.replace("r-1", "r-4"));
        assertEquals("UNAUTHENTICATED", swapped.at("/errors/0/extensions/code").asText());
        assertEquals(1, server.services.reports().history(new Account("acme"), alice.record().deviceId(), 10).size(), "0 forged reports accepted");
    }

    @Test
    void anAgentWithoutADeviceKeyKeepsWorkingOnItsToken() throws Exception {
        String code = server.services.codes().issue(new Account("acme"), "bob@acme.example").code();
        JsonNode a = Http.json(Http.graphql(server.graphql(), Http.ACTIVATE, Http.activation("acme", "bob@acme.example", code, "old-1"), Map.of()))
                .at("/data/activateDevice");
        JsonNode r = Http.json(Http.graphql(server.graphql(), Http.REPORT, Map.of("input", Map.of("deviceId", a.path("deviceId").asText(),
                "reportId", "r1", "report", AgentReports.debian11())), Map.of("Authorization", "Bearer " + a.path("apiToken").asText(), "JupiterOne-Account", "acme")));
        assertTrue(r.path("errors").isEmpty(), r.toString());
        assertTrue(server.services.devices().find(new Account("acme"), a.path("deviceId").asText()).orElseThrow().binding().startsWith("token only"));
    }
}
