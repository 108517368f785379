package dev.auscult.localapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.auscult.Fixtures;
import dev.auscult.probe.Scanner;
import dev.auscult.probe.Snapshot;
import dev.auscult.probe.SnapshotCodec;
import dev.auscult.probe.SnapshotEvidence;
import dev.auscult.probe.SourceCatalog;
import dev.auscult.probe.linux.LinuxProbes;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The faults an attack run found in the local API, each reproduced against the real server on loopback:
 * a page (or a local process forging an allowed Origin) must not be able to hang the agent, grow its
 * memory, flood the user with notifications, or slip in through a loose host label.
 */
class LocalApiUnderAttackTest {

    private static final String PORTAL = "https://portal.example.com";
    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final List<RemoteScan> announced = new CopyOnWriteArrayList<>();
    private LocalApiServer server;

    @BeforeEach
    void start() throws Exception {
        Snapshot snapshot = new SnapshotCodec(SourceCatalog.bundled()).read(Fixtures.path("snapshots/linux-debian-11-unattended-upgrades-enabled.json"));
        ScanSource scans = withInventory -> new Scanner(LinuxProbes.create(), "0.1.0").scan(new SnapshotEvidence(snapshot), withInventory);
        OriginRules origins = new OriginRules(List.of(PORTAL), List.of(OriginRules.HostLabel.of("^https://[a-z0-9-]+\\.corp\\.example$", "Corp")));
        server = new LocalApiServer(new LocalApiSettings(0, origins, Duration.ofSeconds(60), 10_000, 64 * 1024), scans, "0.1.0",
                Clock.systemUTC(), announced::add);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private HttpResponse<String> post(String origin, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/graphql"))
                .timeout(Duration.ofSeconds(30)).header("Origin", origin).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private String validate(String policyJson) throws Exception {
        return json.writeValueAsString(java.util.Map.of("query",
                "query V($policy: DevicePolicy!) { policy { validate(policy: $policy) { status applications { name status } } } }",
                "variables", json.readTree("{\"policy\": " + policyJson + "}")));
    }

    @Test
    void aCatastrophicRegexInAPolicyAnswersAtOnceAndTheApiStaysUp() throws Exception {
        String evil = validate("{\"applications\": [{\"name\": \".*.*.*.*.*.*.*.*.*!\", \"match\": \"regex\", \"assertion\": \"NEVER\"}]}");
        for (int i = 0; i < 2; i++) {
            HttpResponse<String> r = post(PORTAL, evil);
            assertEquals(200, r.statusCode(), r.body());
        }
        assertEquals(200, post(PORTAL, validate("{\"firewall\": \"ALWAYS\"}")).statusCode());
    }

    @Test
    void pagesRaiseAtMostOneNotificationADayHoweverManyRequestsTheySend() throws Exception {
        for (int i = 0; i < 20; i++) {
            assertEquals(200, post(PORTAL, validate("{\"diskEncryption\": \"ALWAYS\"}")).statusCode());
        }
        assertEquals(20, announced.size(), "each request still updates 'last scanned by'");
        assertEquals(1, announced.stream().filter(a -> a.status().isPresent()).count());
    }

    @Test
    void aLongQueryStringIsRefusedLikeALongBody() throws Exception {
        String q = URLEncoder.encode("{ device { platform } }" + " ".repeat(300_000), StandardCharsets.UTF_8);
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/graphql?query=" + q))
                .header("Origin", PORTAL).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertTrue(r.statusCode() == 414 || r.statusCode() == 413 || r.statusCode() == 400, "status " + r.statusCode());
        JsonNode err = json.readTree(r.body().isEmpty() ? "{}" : r.body());
        assertFalse(err.has("data"));
    }

    @Test
    void hostLabelsMatchWholeOriginsAndPatternsThatAdmitAnyoneAreRefused() {
        OriginRules rules = new OriginRules(List.of(), List.of(OriginRules.HostLabel.of("sso\\.example\\.com", "SSO"),
                OriginRules.HostLabel.of("^https://sso\\.example\\.com$", "SSO")));
        assertFalse(rules.allows("https://sso.example.com.evil.net"));
        assertTrue(rules.allows("https://sso.example.com"));
        for (String loose : List.of("", ".*", "https://.*", "^.*$", "null|https://sso\\.example\\.com")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> OriginRules.HostLabel.of(loose, "x"), loose);
            assertTrue(e.getMessage().contains("admits too much"), e.getMessage());
        }
    }

    @Test
    void perOriginStateIsBoundedAndAllOriginsShareAGlobalLimit() {
        Clock clock = Clock.fixed(Instant.parse("2026-12-01T10:00:00Z"), ZoneOffset.UTC);
        RateLimiter limiter = new RateLimiter(60, 1_000_000, clock);
        for (int i = 0; i < 100_000; i++) {
            limiter.retryAfterSeconds("https://h" + i + ".corp.example");
        }
        assertTrue(limiter.tracked() <= RateLimiter.MAX_ORIGINS + 1, "tracked " + limiter.tracked());
        RateLimiter global = new RateLimiter(60, 300, clock);
        int allowed = 0;
        for (int i = 0; i < 1000; i++) {
            if (global.retryAfterSeconds("https://h" + i + ".corp.example") == 0) {
                allowed++;
            }
        }
        assertEquals(300, allowed, "distinct origins cannot add up past the global limit");
        // a minute later the table is reusable
        RateLimiter later = new RateLimiter(60, 1_000_000, Clock.offset(clock, Duration.ofMinutes(2)));
        assertEquals(0, later.retryAfterSeconds("https://fresh.corp.example"));
    }
}
