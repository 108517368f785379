package dev.auscult.server;

import dev.auscult.server.store.Account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.auscult.app.DeviceAnswerSigner;
import dev.auscult.localapi.LocalApiServer;
import dev.auscult.localapi.LocalApiSettings;
import dev.auscult.localapi.OriginRules;
import dev.auscult.localapi.ScanSource;
import dev.auscult.probe.linux.LinuxProbes;
import dev.auscult.probe.Scanner;
import dev.auscult.probe.SnapshotEvidence;
import dev.auscult.server.service.Actor;
import dev.auscult.server.service.Role;
import dev.auscult.sync.DeviceKey;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
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

/**
 * The local API's answers carry the device key's signature, so the site behind a page can tell the Auscult agent from
 * a program squatting the port. The agent's real local API and a real server: the agent's answer verifies as its
 * device's; a squatter's answer — unsigned, or signed with a key of its own — does not, nor does the agent's answer
 * altered, replayed for another nonce, shown to another site, signed by a replaced key or checked by another
 * organisation. 0 accepted.
 */
class SignedLocalAnswersTest {

    private static final String PORTAL = "https://portal.acme.example";
    private static final String QUERY = "query { device { deviceId platform } policy { validate(policy: {firewall: IF_SUPPORTED}) { status } } }";

    @TempDir
    Path dir;

    private RunningServer server;
    private LocalApiServer localApi;
    private HttpServer squatter;
    private String apiToken;

    @BeforeEach
    void start() throws Exception {
        server = RunningServer.start(new TestDatabases.Kind("SQLite").freshUrl(), m -> { });
        server.services.accounts().create("acme", "Acme", "test");
        server.services.accounts().create("globex", "Globex", "test");
        server.services.people().importCsv(new Account("acme"), "alice@acme.example,Alice,eng\n", Actor.cli("acme", "test"));
        apiToken = server.services.apiTokens().create(new Account("acme"), "portal", Role.AUDITOR, 1, Actor.cli("acme", "test")).secret();
    }

    @AfterEach
    void stop() {
        if (localApi != null) {
            localApi.close();
        }
        if (squatter != null) {
            squatter.stop(0);
        }
        server.close();
    }

    private LocalApiServer agentLocalApi(TrustedDevice device) throws Exception {
        var snapshot = new dev.auscult.probe.SnapshotCodec(dev.auscult.probe.SourceCatalog.bundled())
                .read(Path.of(AgentReports.class.getResource("/snapshots/linux-debian-11-unattended-upgrades-enabled.json").toURI()));
        ScanSource scans = withInventory -> new Scanner(LinuxProbes.create(), "0.1.0").scan(new SnapshotEvidence(snapshot), withInventory);
        return new LocalApiServer(new LocalApiSettings(0, new OriginRules(List.of(PORTAL), List.of()), Duration.ofSeconds(60), 10_000, 64 * 1024),
                scans, "0.1.0", Clock.systemUTC(), scan -> { }, new DeviceAnswerSigner(device.state(), Clock.systemUTC()));
    }

    /** What a page gets from 127.0.0.1: the body and the signature header. */
    private record Answer(String body, Optional<String> signature) {
    }

    private Answer ask(int port, String nonce) throws Exception {
        HttpResponse<String> r = Http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/graphql?query="
                        + URLEncoder.encode(QUERY, StandardCharsets.UTF_8) + "&nonce=" + nonce)).header("Origin", PORTAL).GET().build());
        assertEquals(200, r.statusCode(), r.body());
        if (r.headers().firstValue(LocalApiServer.SIGNATURE_HEADER).isPresent()) {
            assertEquals(Optional.of(LocalApiServer.SIGNATURE_HEADER), r.headers().firstValue("Access-Control-Expose-Headers"), "a page's script may read it");
        }
        return new Answer(r.body(), r.headers().firstValue(LocalApiServer.SIGNATURE_HEADER));
    }

    /** The site's server asks Auscult Server, with its API token. */
    private JsonNode verify(String token, String body, Optional<String> signature, String origin, String nonce) throws Exception {
        Map<String, Object> in = new java.util.HashMap<>(Map.of("answer", body, "origin", origin, "nonce", nonce));
        signature.ifPresent(s -> in.put("signature", s));
        HttpResponse<String> r = Http.send(HttpRequest.newBuilder(server.base().resolve("/api/v1/local-answers/verify"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Http.JSON.writeValueAsString(in))).build());
        assertEquals(200, r.statusCode(), r.body());
        return Http.JSON.readTree(r.body());
    }

    private JsonNode verify(Answer a, String origin, String nonce) throws Exception {
        return verify(apiToken, a.body(), a.signature(), origin, nonce);
    }

    @Test
    void theAgentsAnswerIsKnownForItsDeviceAndNothingElsePasses() throws Exception {
        TrustedDevice alice = TrustedDevice.activate(server, dir, "alice-laptop", "acme", "alice@acme.example");
        alice.outbox().add(AgentReports.debian11());
        alice.uploader().drain();
        localApi = agentLocalApi(alice);

        Answer answer = ask(localApi.port(), "n-1");
        assertTrue(answer.signature().isPresent(), "an activated agent signs");
        JsonNode ok = verify(answer, PORTAL, "n-1");
        assertTrue(ok.path("valid").asBoolean(), ok.toString());
        assertEquals(alice.record().deviceId(), ok.path("deviceId").asText());
        assertEquals("alice@acme.example", ok.path("owner").asText());

        List<JsonNode> refused = new java.util.ArrayList<>();
        refused.add(verify(answer, PORTAL, "n-2"));                                             // replayed for another check
        refused.add(verify(answer, "https://evil.example", "n-1"));                             // shown to another site
        refused.add(verify(apiToken, answer.body().replaceFirst("\\}$", ",\"extra\":1}"), answer.signature(), PORTAL, "n-1")); // altered
        refused.add(verify(new Answer(answer.body(), Optional.empty()), PORTAL, "n-1"));        // signature stripped
        String globexToken = server.services.apiTokens().create(new Account("globex"), "portal", Role.AUDITOR, 1, Actor.cli("globex", "test")).secret();
        refused.add(verify(globexToken, answer.body(), answer.signature(), PORTAL, "n-1"));     // another organisation asks

        // a program squatting the port: it answers PASS, unsigned or signed with a key of its own
        localApi.close();
        DeviceKey own = DeviceKey.generate();
        squatter = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
        squatter.createContext("/", ex -> {
            byte[] body = "{\"data\":{\"device\":{\"deviceId\":\"x\"},\"policy\":{\"validate\":{\"status\":\"PASS\"}}}}".getBytes(StandardCharsets.UTF_8);
            String nonce = ex.getRequestURI().getQuery().replaceAll(".*nonce=", "");
            ex.getResponseHeaders().set(LocalApiServer.SIGNATURE_HEADER, own.signAnswer(body, PORTAL, Optional.of(nonce), alice.record().deviceId(),
                    Instant.now()));
            ex.getResponseHeaders().set("Access-Control-Expose-Headers", LocalApiServer.SIGNATURE_HEADER);
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        squatter.start();
        Answer squatted = ask(squatter.getAddress().getPort(), "n-3");
        refused.add(verify(squatted, PORTAL, "n-3"));
        refused.add(verify(new Answer(squatted.body(), Optional.empty()), PORTAL, "n-3"));
        // the squatter replays the agent's earlier signed answer (for an earlier nonce)
        refused.add(verify(answer, PORTAL, "n-3"));

        for (JsonNode r : refused) {
            assertFalse(r.path("valid").asBoolean(), r.toString());
            assertFalse(r.has("deviceId"), "a refusal names no device: " + r);
        }
        assertEquals(8, refused.size(), "0 of 8 accepted");
    }

    @Test
    void afterTheKeyIsReplacedOnlyTheNewKeysAnswersCount() throws Exception {
        TrustedDevice alice = TrustedDevice.activate(server, dir, "alice-laptop", "acme", "alice@acme.example");
        localApi = agentLocalApi(alice);
        Answer before = ask(localApi.port(), "k-1");
        assertTrue(verify(before, PORTAL, "k-1").path("valid").asBoolean());

        server.services.deviceKeys().askRotation(new Account("acme"), alice.record().deviceId(), Actor.cli("acme", "test"));
        alice.outbox().add(AgentReports.debian11());
        alice.uploader().drain();

        assertFalse(verify(before, PORTAL, "k-1").path("valid").asBoolean(), "signed by the replaced key");
        Answer after = ask(localApi.port(), "k-2");
        assertTrue(verify(after, PORTAL, "k-2").path("valid").asBoolean(), "the agent signs with its new key at once");

        server.services.devices().revoke(new Account("acme"), alice.record().deviceId(), Actor.cli("acme", "test"));
        Answer revoked = ask(localApi.port(), "k-3");
        assertFalse(verify(revoked, PORTAL, "k-3").path("valid").asBoolean(), "a revoked device's key counts for nothing");
    }
}
