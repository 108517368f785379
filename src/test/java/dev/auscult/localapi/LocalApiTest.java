package dev.auscult.localapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.auscult.Fixtures;
import dev.auscult.posture.DeviceScan;
import dev.auscult.probe.Scanner;
import dev.auscult.probe.Snapshot;
import dev.auscult.probe.SnapshotCodec;
import dev.auscult.probe.SnapshotEvidence;
import dev.auscult.probe.SourceCatalog;
import dev.auscult.probe.linux.LinuxProbes;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The local API through a real HTTP client on loopback, and raw sockets where a client would not misbehave. */
class LocalApiTest {

    static final String VALIDATE_DEVICE = """
            query ValidateDevice($policy: DevicePolicy!) {
              policy {
                validate(policy: $policy) {
                  status osVersion firewall diskEncryption screenLock screenIdle automaticUpdates
                  remoteLogin stethoscopeVersion openWifiConnections
                  applications { name status version installed state }
                }
              }
              device {
                deviceId deviceName platform platformName osVersion firmwareVersion hardwareModel
                friendlyName hardwareSerial stethoscopeVersion
                disks { label name encrypted }
                security {
                  firewall publicFirewall privateFirewall domainFirewall automaticUpdates diskEncryption
                  screenLock screenIdle remoteLogin automaticAppUpdates automaticSecurityUpdates
                  automaticOsUpdates automaticDownloadUpdates automaticConfigDataInstall automaticCheckEnabled
                }
              }
            }""";
    static final String POLICY = "{\"policy\": {\"osVersion\": {\"debian\": {\"ok\": \">=10\"}}, \"firewall\": \"ALWAYS\", "
            + "\"automaticUpdates\": \"SUGGESTED\", \"remoteLogin\": \"NEVER\", \"stethoscopeVersion\": \">=0.1.0\"}}";
    static final String ALLOWED = "https://portal.example.com";
    static final String LABELLED = "https://sso.corp.example";

    private final ObjectMapper json = new ObjectMapper();
    private final AtomicInteger scans = new AtomicInteger();
    private final List<RemoteScan> announced = new CopyOnWriteArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private LocalApiServer server;

    @BeforeEach
    void start() throws Exception {
        start(60);
    }

    private void start(int perMinute) throws Exception {
        Snapshot snapshot = new SnapshotCodec(SourceCatalog.bundled()).read(Fixtures.path("snapshots/linux-debian-11-unattended-upgrades-enabled.json"));
        ScanSource slowScan = withInventory -> {
            scans.incrementAndGet();
            try {
                Thread.sleep(300);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            DeviceScan s = new Scanner(LinuxProbes.create(), "0.1.0").scan(new SnapshotEvidence(snapshot), withInventory);
            return s;
        };
        OriginRules origins = new OriginRules(List.of(ALLOWED), List.of(OriginRules.HostLabel.of("^https://sso\\.corp\\.example$", "Corp SSO")));
        server = new LocalApiServer(new LocalApiSettings(0, origins, Duration.ofSeconds(60), perMinute, 64 * 1024), slowScan, "0.1.0",
                Clock.systemUTC(), announced::add);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private String base() {
        return "http://127.0.0.1:" + server.port();
    }

    private HttpResponse<String> get(String origin, String query, String variables) throws Exception {
        String url = base() + "/graphql?query=" + URLEncoder.encode(query, StandardCharsets.UTF_8)
                + "&variables=" + URLEncoder.encode(variables, StandardCharsets.UTF_8) + "&sessionId=tab-1";
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20)).GET();
        if (origin != null) {
            b.header("Origin", origin);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String origin, String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base() + path)).timeout(Duration.ofSeconds(20)).header("Origin", origin)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void withoutADeviceKeyAnswersGoUnsignedAndAPagesNonceIsBounded() throws Exception {
        HttpResponse<String> r = get(ALLOWED, VALIDATE_DEVICE, POLICY);
        assertTrue(r.headers().firstValue(LocalApiServer.SIGNATURE_HEADER).isEmpty(), "no key, no signature (as Stethoscope)");
        HttpResponse<String> tooLong = post(ALLOWED, "/graphql", json.writeValueAsString(java.util.Map.of("query", "{ device { platform } }",
                "nonce", "n".repeat(LocalApiServer.MAX_NONCE + 1))));
        assertEquals(400, tooLong.statusCode(), tooLong.body());
        assertFalse(tooLong.body().contains("\"data\""), "nothing about the device");
    }

    @Test
    void stethoscopesValidateDeviceQueryWorksUnchangedOverGet() throws Exception {
        HttpResponse<String> r = get(ALLOWED, VALIDATE_DEVICE, POLICY);
        assertEquals(200, r.statusCode(), r.body());
        assertEquals(ALLOWED, r.headers().firstValue("Access-Control-Allow-Origin").orElseThrow());
        JsonNode body = json.readTree(r.body());
        assertFalse(body.has("errors"), r.body());
        JsonNode validate = body.at("/data/policy/validate");
        assertEquals("PASS", validate.get("osVersion").asText());
        assertEquals("PASS", validate.get("automaticUpdates").asText());
        assertEquals("PASS", validate.get("stethoscopeVersion").asText(), "stethoscopeVersion speaks of Stethoscope's releases");
        assertEquals("5.0.6", body.at("/data/device/stethoscopeVersion").asText());
        assertEquals("UNKNOWN", validate.get("firewall").asText(), "missing evidence is UNKNOWN, never PASS");
        assertEquals("UNKNOWN", validate.get("status").asText());
        assertTrue(validate.get("diskEncryption").isNull(), "not in the policy");
        assertEquals("linux", body.at("/data/device/platform").asText());
        assertEquals("11", body.at("/data/device/osVersion").asText());
        assertEquals("ON", body.at("/data/device/security/automaticUpdates").asText());
        assertTrue(body.at("/extensions/timing/total").isNumber());
    }

    @Test
    void andOverPostOnScanToo() throws Exception {
        String body = json.writeValueAsString(java.util.Map.of("query", VALIDATE_DEVICE, "variables", json.readTree(POLICY), "sessionId", "s-9"));
        HttpResponse<String> r = post(LABELLED, "/scan", body);
        assertEquals(200, r.statusCode(), r.body());
        assertEquals("PASS", json.readTree(r.body()).at("/data/policy/validate/osVersion").asText());
        assertEquals("Corp SSO", announced.getLast().requester());
    }

    @Test
    void rejectedRequestsGet403AndNoDeviceData() throws Exception {
        for (String origin : new String[] {"https://evil.example", null, "https://sso.corp.example.evil.com"}) {
            HttpResponse<String> r = get(origin, VALIDATE_DEVICE, POLICY);
            assertEquals(403, r.statusCode(), String.valueOf(origin));
            assertTrue(r.headers().firstValue("Access-Control-Allow-Origin").isEmpty());
            assertFalse(r.body().contains("debian") || r.body().contains("deviceId") || r.body().contains("osVersion\":"), r.body());
            assertNotNull(json.readTree(r.body()).at("/errors/0/message").asText(null));
        }
        assertEquals(0, scans.get(), "a rejected request never scans");
    }

    private String raw(String request) throws Exception {
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void aSpoofedHostIsRejectedWhichDefeatsDnsRebinding() throws Exception {
        String query = URLEncoder.encode("{ device { deviceName } }", StandardCharsets.UTF_8);
        String response = raw("GET /graphql?query=" + query + " HTTP/1.1\r\nHost: attacker.example:" + server.port()
                + "\r\nOrigin: " + ALLOWED + "\r\nConnection: close\r\n\r\n");
        assertTrue(response.startsWith("HTTP/1.1 403"), response);
        String viaLocalhost = raw("GET /graphql?query=" + query + " HTTP/1.1\r\nHost: localhost:" + server.port()
                + "\r\nOrigin: " + ALLOWED + "\r\nConnection: close\r\n\r\n");
        assertTrue(viaLocalhost.startsWith("HTTP/1.1 200"), viaLocalhost);
    }

    @Test
    void oversizeBodiesInvalidJsonAndTooDeepQueriesAreRefused() throws Exception {
        assertEquals(413, post(ALLOWED, "/graphql", "{\"query\": \"" + "x".repeat(70_000) + "\"}").statusCode());
        assertEquals(400, post(ALLOWED, "/graphql", "{\"query\": ").statusCode());
        assertEquals(400, post(ALLOWED, "/graphql", "{\"query\": \"{ device { deviceName } }\", \"variables\": [1]}").statusCode());
        String deep = "{ __schema { types { fields { type { " + "ofType { ".repeat(20) + "name" + " }".repeat(20) + " } } } } }";
        JsonNode r = json.readTree(post(ALLOWED, "/graphql", json.writeValueAsString(java.util.Map.of("query", deep))).body());
        assertTrue(r.at("/errors/0/message").asText().toLowerCase().contains("depth"), r.toString());
        assertTrue(r.get("data") == null || r.get("data").isNull());
    }

    @Test
    void aBadPolicyIsAGraphQlErrorNamingTheKey() throws Exception {
        JsonNode r = json.readTree(get(ALLOWED, VALIDATE_DEVICE, "{\"policy\": {\"firewall\": \"ALWAYS\", \"screenIdle\": \"<=soon\"}}").body());
        assertTrue(r.at("/errors/0/message").asText().contains("screenIdle"), r.toString());
    }

    @Test
    void fiftyConcurrentRequestsShareOneScan() throws Exception {
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<HttpResponse<String>>> all = java.util.stream.IntStream.range(0, 50)
                    .mapToObj(i -> pool.submit(() -> get(ALLOWED, VALIDATE_DEVICE, POLICY))).toList();
            for (Future<HttpResponse<String>> f : all) {
                assertEquals(200, f.get().statusCode());
            }
        }
        assertEquals(1, scans.get());
        assertEquals(1, announced.stream().filter(a -> a.status().isPresent()).count(), "one notification a day from pages");
    }

    @Test
    void aSlowClientDoesNotBlockOthers() throws Exception {
        try (Socket slow = new Socket("127.0.0.1", server.port())) {
            slow.getOutputStream().write("GET /graphql?query=%7B".getBytes(StandardCharsets.US_ASCII));
            slow.getOutputStream().flush();
            long t0 = System.nanoTime();
            HttpResponse<String> r = get(ALLOWED, "{ device { platform } }", "{}");
            assertEquals(200, r.statusCode());
            assertTrue((System.nanoTime() - t0) / 1_000_000 < 5_000);
        }
    }

    @Test
    void preflightIsAnsweredForAllowedOrigins() throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base() + "/graphql")).header("Origin", ALLOWED)
                .header("Access-Control-Request-Method", "POST").header("Access-Control-Request-Private-Network", "true")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(204, r.statusCode());
        assertTrue(r.headers().firstValue("Access-Control-Allow-Methods").orElseThrow().contains("POST"));
        assertEquals("true", r.headers().firstValue("Access-Control-Allow-Private-Network").orElseThrow());
    }

    @Test
    void eachOriginIsRateLimited() throws Exception {
        server.close();
        start(3);
        for (int i = 0; i < 3; i++) {
            assertEquals(200, get(ALLOWED, "{ device { platform } }", "{}").statusCode());
        }
        HttpResponse<String> limited = get(ALLOWED, "{ device { platform } }", "{}");
        assertEquals(429, limited.statusCode());
        assertTrue(Long.parseLong(limited.headers().firstValue("Retry-After").orElseThrow()) > 0);
        assertEquals(200, get(LABELLED, "{ device { platform } }", "{}").statusCode(), "another origin is unaffected");
    }

    /**
     * Bound to 127.0.0.1 itself, not to every address: probed on each other IPv4 address of this host and on
     * 127.0.0.2 — which Linux routes to the loopback interface, so a server bound to the wildcard (or to all of
     * 127/8) answers there while one bound to 127.0.0.1 does not. A host with no other address still checks that.
     */
    @Test
    void itListensOnLoopbackOnly() throws Exception {
        var addresses = new java.util.ArrayList<java.net.InetAddress>(java.util.Collections.list(java.net.NetworkInterface.getNetworkInterfaces()).stream()
                .flatMap(n -> java.util.Collections.list(n.getInetAddresses()).stream())
                .filter(a -> !a.isLoopbackAddress() && a instanceof java.net.Inet4Address).toList());
        if (System.getProperty("os.name").toLowerCase(java.util.Locale.ROOT).contains("linux")) {
            java.net.InetAddress other = java.net.InetAddress.getByName("127.0.0.2");
            try (java.net.ServerSocket wildcard = new java.net.ServerSocket(0); Socket probe = new Socket()) {
                // the probe itself works: a wildcard listener is reachable on 127.0.0.2 here
                probe.connect(new java.net.InetSocketAddress(other, wildcard.getLocalPort()), 1000);
            }
            addresses.add(other);
        }
        org.junit.jupiter.api.Assumptions.assumeFalse(addresses.isEmpty(), "no address other than 127.0.0.1 to probe on this host");
        for (var a : addresses) {
            try (Socket s = new Socket()) {
                s.connect(new java.net.InetSocketAddress(a, server.port()), 1000);
                throw new AssertionError("reachable on " + a);
            } catch (java.io.IOException expected) {
                // refused: not listening there
            }
        }
    }
}
