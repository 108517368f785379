package dev.auscult.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.auscult.Fixtures;
import dev.auscult.app.ScanService;
import dev.auscult.policy.PolicyLoader;
import dev.auscult.posture.PolicyRef;
import dev.auscult.posture.ScanReport;
import dev.auscult.probe.SnapshotCodec;
import dev.auscult.probe.SourceCatalog;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The J1 Synchronization API calls, asserted exactly against a recording server on loopback. */
class JupiterOneSyncTest {

    record Call(String method, String path, Map<String, List<String>> headers, JsonNode body) {
    }

    private final ObjectMapper json = new ObjectMapper();
    private final List<Call> calls = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger polls = new AtomicInteger();
    private volatile boolean tooLargeOnce = true;
    private volatile boolean throttleFinalizeOnce = true;
    private volatile int forcedStatus = 0;
    private HttpServer server;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
        server.createContext("/", ex -> {
            try (ex) {
                byte[] raw = ex.getRequestBody().readAllBytes();
                if ("gzip".equals(ex.getRequestHeaders().getFirst("Content-Encoding"))) {
                    raw = new GZIPInputStream(new java.io.ByteArrayInputStream(raw)).readAllBytes();
                }
                JsonNode body = raw.length == 0 ? null : json.readTree(raw);
                String path = ex.getRequestURI().getPath();
                calls.add(new Call(ex.getRequestMethod(), path, Map.copyOf(ex.getRequestHeaders()), body));
                String reply = "{}";
                int status = 200;
                if (forcedStatus != 0) {
                    status = forcedStatus;
                } else if (path.equals("/persister/synchronization/jobs")) {
                    reply = "{\"job\": {\"id\": \"job-1\", \"status\": \"AWAITING_UPLOADS\"}}";
                } else if (path.endsWith("/entities") && tooLargeOnce && body.get("entities").size() > 1) {
                    tooLargeOnce = false;
                    status = 413;
                } else if (path.endsWith("/finalize") && throttleFinalizeOnce) {
                    throttleFinalizeOnce = false;
                    ex.getResponseHeaders().set("Retry-After", "1");
                    status = 429;
                } else if (path.endsWith("/finalize")) {
                    reply = "{\"job\": {\"id\": \"job-1\", \"status\": \"FINALIZE_PENDING\"}}";
                } else if (ex.getRequestMethod().equals("GET")) {
                    reply = "{\"job\": {\"id\": \"job-1\", \"status\": \"" + (polls.incrementAndGet() < 2 ? "FINALIZE_PENDING" : "FINISHED") + "\"}}";
                }
                byte[] out = reply.getBytes();
                ex.sendResponseHeaders(status, status == 200 ? out.length : -1);
                if (status == 200) {
                    ex.getResponseBody().write(out);
                }
            }
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private JupiterOneSyncClient client() {
        return new JupiterOneSyncClient(URI.create("http://127.0.0.1:" + server.getAddress().getPort()), "acct-1", new ApiToken("k-123"),
                Map.of(), Duration.ofMillis(10), 20);
    }

    private ScanReport windowsReport() throws Exception {
        var snapshot = new SnapshotCodec(SourceCatalog.bundled()).read(Fixtures.path("snapshots/win11-23h2-corporate-laptop.json"));
        var policy = new PolicyLoader().bundled();
        return new ScanService(SourceCatalog.bundled(), "0.1.0", Clock.systemUTC()).replay(snapshot, policy, new PolicyRef("bundled default", policy.name())).report();
    }

    @Test
    void aScanBecomesADiffJobScopedToTheDevice() throws Exception {
        var graph = JupiterOneEntities.of(windowsReport(), "uuid-1", Optional.of("alice@example.com"));
        assertEquals("FINISHED", client().upload(JupiterOneEntities.scope("uuid-1"), graph));

        List<String> sequence = calls.stream().map(c -> c.method() + " " + c.path()).toList();
        String job = "/persister/synchronization/jobs/job-1";
        int entityPosts = (int) sequence.stream().filter(x -> x.equals("POST " + job + "/entities")).count();
        List<String> expected = new ArrayList<>();
        expected.add("POST /persister/synchronization/jobs");
        for (int i = 0; i < entityPosts; i++) {
            expected.add("POST " + job + "/entities");          // the first is refused with 413, then halves
        }
        expected.addAll(List.of("POST " + job + "/relationships",
                "POST " + job + "/finalize",                      // 429 with Retry-After: 1
                "POST " + job + "/finalize",
                "GET " + job, "GET " + job));
        assertEquals(expected, sequence);
        assertTrue(entityPosts >= 3);
        int uploaded = calls.stream().skip(2).filter(c -> c.path().endsWith("/entities")).mapToInt(c -> c.body().get("entities").size()).sum();
        assertEquals(graph.entities().size(), uploaded, "every entity is uploaded exactly once after the 413");
        Call start = calls.getFirst();
        assertEquals("{\"source\":\"api\",\"scope\":\"auscult:uuid-1\",\"syncMode\":\"DIFF\"}", start.body().toString());
        for (Call c : calls) {
            assertEquals(List.of("Bearer k-123"), c.headers().get("Authorization"));
            assertEquals(List.of("acct-1"), c.headers().get("Jupiterone-account"));
        }
        assertEquals(List.of("gzip"), calls.get(1).headers().get("Content-encoding"));

        List<JsonNode> entities = new ArrayList<>();
        calls.stream().skip(2).filter(c -> c.path().endsWith("/entities")).forEach(c -> c.body().get("entities").forEach(entities::add));
        JsonNode device = entities.stream().filter(e -> e.get("_type").asText().equals("user_endpoint")).findFirst().orElseThrow();
        assertEquals("[\"Device\",\"Host\"]", device.get("_class").toString());
        assertEquals("windows", device.get("platform").asText());
        assertTrue(device.get("encrypted").asBoolean());
        assertEquals(false, device.get("firewallEnabled").asBoolean());
        assertEquals(600, device.get("screenLockTimeout").asInt());
        assertTrue(device.get("remoteAccessEnabled").asBoolean());
        assertEquals("alice@example.com", device.get("owner").asText());
        JsonNode agent = entities.stream().filter(e -> e.get("_class").asText().equals("HostAgent")).findFirst().orElseThrow();
        assertEquals(false, agent.get("compliant").asBoolean());
        assertEquals("[\"endpoint-compliance\"]", agent.get("function").toString());
        List<String> findings = entities.stream().filter(e -> e.get("_class").asText().equals("Finding")).map(e -> e.get("practice").asText()).toList();
        assertTrue(findings.containsAll(List.of("firewall", "remoteLogin")), findings.toString());
        JsonNode relationships = calls.stream().filter(c -> c.path().endsWith("/relationships")).findFirst().orElseThrow().body().get("relationships");
        assertEquals("auscult-agent:uuid-1|monitors|auscult-device:uuid-1", relationships.get(0).get("_key").asText());
        assertEquals(findings.size() + 1, relationships.size());
    }

    @Test
    void onlyTheNewestScanIsSentBecauseADiffJobReplacesTheScope(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path key = dir.resolve("j1.key");
        java.nio.file.Files.writeString(key, "k-123\n");
        JupiterOneUploader uploader = new JupiterOneUploader(new JupiterOneUploader.Settings(
                URI.create("http://127.0.0.1:" + server.getAddress().getPort()), "acct-1", key), dir.resolve("q"), Clock.systemUTC(), Map.of(),
                Optional.of(new SentPayloads(dir.resolve("sent"), Clock.systemUTC())));
        ScanReport report = windowsReport();
        uploader.enqueue(report, "uuid-1", Optional.empty());
        Thread.sleep(2);
        uploader.enqueue(report, "uuid-1", Optional.of("alice@example.com"));
        assertEquals(Optional.of("FINISHED"), uploader.drain());
        assertEquals(1, calls.stream().filter(c -> c.path().equals("/persister/synchronization/jobs")).count());
        assertTrue(calls.stream().filter(c -> c.path().endsWith("/entities") && c.body() != null).anyMatch(c -> c.body().toString().contains("alice@example.com")));
        assertEquals(Optional.empty(), uploader.drain(), "nothing left to send");
        // the user's "what is sent" copy is the graph JupiterOne received, with no key in it
        JsonNode kept = new SentPayloads(dir.resolve("sent"), Clock.systemUTC()).last(SentPayloads.Destination.JUPITERONE).orElseThrow().payload();
        assertEquals(JupiterOneEntities.scope("uuid-1"), kept.get("scope").asText());
        assertTrue(kept.get("entities").toString().contains("alice@example.com"));
        assertTrue(!kept.toString().contains("k-123"));
    }

    @Test
    void aRefusedKeyIsUnauthorizedAndNeverEchoed() {
        forcedStatus = 401;
        BackendException e = assertThrows(BackendException.class,
                () -> client().upload("auscult:uuid-1", new JupiterOneEntities.Graph(List.of(), List.of())));
        assertEquals(BackendException.Kind.UNAUTHORIZED, e.kind());
        assertTrue(!e.getMessage().contains("k-123"));
    }
}
