package dev.auscult.server;

import dev.auscult.server.store.Account;

import dev.auscult.server.store.DeliveryTarget;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.auscult.policy.Policy;
import dev.auscult.report.ReportSummary;
import dev.auscult.server.service.Actor;
import dev.auscult.server.service.Deliveries;
import dev.auscult.server.service.Role;
import dev.auscult.sync.JupiterOneEntities;
import io.javalin.Javalin;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The server writes the organisation's devices into JupiterOne with one API key: each change of a device's posture
 * becomes a DIFF job scoped to the device, carrying exactly the graph the agent's own upload would write for the same
 * report; a revocation empties the device's scope; J1's rate limit and a refused key are retried and shown. JupiterOne
 * cannot be reached from the tests: a local server plays its Synchronization API as documented (jobs, gzip batches,
 * finalize, status) and checks the key and account headers.
 */
@ParameterizedClass(name = "{0}")
@MethodSource("dev.auscult.server.TestDatabases#all")
class JupiterOneFromTheServerTest {

    @Parameter
    TestDatabases.Kind db;

    @TempDir
    Path dir;

    /** One finished job as J1 received it. */
    record Job(String scope, List<JsonNode> entities, List<JsonNode> relationships) {
    }

    private RunningServer server;
    private Javalin j1;
    private Policy policy;
    private final List<Job> jobs = new CopyOnWriteArrayList<>();
    private final Map<String, Job> open = new java.util.concurrent.ConcurrentHashMap<>();
    private final List<Integer> troubles = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger ids = new AtomicInteger();
    private volatile String key = "j1-key";

    @BeforeEach
    void start() throws Exception {
        server = RunningServer.start(db.freshUrl(), m -> { });
        server.services.accounts().create("acme", "Acme", "test");
        server.services.people().importCsv(new Account("acme"), "alice@acme.example,Alice,eng\n", Actor.cli("acme", "test"));
        String yaml = "automaticUpdates: ALWAYS\n";
        server.services.policies().publish(new Account("acme"), Optional.empty(), "policy.yaml", yaml, Actor.cli("acme", "test"));
        policy = server.services.policies().validate("policy.yaml", yaml);
        j1 = Javalin.create(c -> {
            c.startup.showJavalinBanner = false;
            c.routes.before(ctx -> {
                Integer trouble;
                synchronized (troubles) {
                    trouble = troubles.isEmpty() ? null : troubles.removeFirst();
                }
                if (trouble != null) {
                    ctx.header("Retry-After", "1");
                    ctx.status(trouble).result("{}");
                    ctx.skipRemainingHandlers();
                } else if (!("Bearer " + key).equals(ctx.header("Authorization")) || !"j1-acct".equals(ctx.header("JupiterOne-Account"))) {
                    ctx.status(401).result("{\"error\":\"Unauthorized\"}");
                    ctx.skipRemainingHandlers();
                }
            });
            c.routes.post("/persister/synchronization/jobs", ctx -> {
                JsonNode in = Http.JSON.readTree(ctx.body());
                assertEquals("DIFF", in.path("syncMode").asText());
                String id = "job-" + ids.incrementAndGet();
                open.put(id, new Job(in.path("scope").asText(), new CopyOnWriteArrayList<>(), new CopyOnWriteArrayList<>()));
                ctx.json(Map.of("job", Map.of("id", id, "status", "AWAITING_UPLOADS")));
            });
            c.routes.post("/persister/synchronization/jobs/{id}/entities", ctx -> {
                gunzip(ctx).path("entities").forEach(open.get(ctx.pathParam("id")).entities()::add);
                ctx.json(Map.of());
            });
            c.routes.post("/persister/synchronization/jobs/{id}/relationships", ctx -> {
                gunzip(ctx).path("relationships").forEach(open.get(ctx.pathParam("id")).relationships()::add);
                ctx.json(Map.of());
            });
            c.routes.post("/persister/synchronization/jobs/{id}/finalize", ctx -> {
                jobs.add(open.remove(ctx.pathParam("id")));
                ctx.json(Map.of("job", Map.of("id", ctx.pathParam("id"), "status", "FINALIZE_PENDING")));
            });
            c.routes.get("/persister/synchronization/jobs/{id}", ctx -> ctx.json(Map.of("job", Map.of("id", ctx.pathParam("id"), "status", "FINISHED"))));
        }).start("127.0.0.1", 0);
        server.services.deliveries().add(new Account("acme"), DeliveryTarget.Kind.JUPITERONE, "JupiterOne", "http://127.0.0.1:" + j1.port(), Optional.of("j1-acct"),
                Optional.of("j1-key"), Actor.cli("acme", "test"));
    }

    private static JsonNode gunzip(io.javalin.http.Context ctx) throws Exception {
        assertEquals("gzip", ctx.header("Content-Encoding"));
        try (var in = new GZIPInputStream(new java.io.ByteArrayInputStream(ctx.bodyAsBytes()))) {
            return Http.JSON.readTree(in);
        }
    }

    @AfterEach
    void stop() {
        j1.stop();
        server.close();
    }

    private void until(java.util.function.BooleanSupplier done, String what) throws InterruptedException {
        Eventually.until(done, what, () -> "J1 has " + jobs.size() + " jobs; targets " + server.services.deliveries().list(new Account("acme")));
    }

    @Test
    void aChangeWritesTheAgentsOwnGraphAndARevocationRemovesIt() throws Exception {
        TrustedDevice alice = TrustedDevice.activate(server, dir, "alice-laptop", "acme", "alice@acme.example");
        alice.report(policy, false);
        until(() -> jobs.size() == 1, "the first report in JupiterOne");
        Job first = jobs.getFirst();
        assertEquals("auscult:uuid-alice-laptop", first.scope(), "scoped as the agent's own upload scopes it");

        String report = server.services.reports().latest(new Account("acme"), alice.record().deviceId()).orElseThrow().body();
        JupiterOneEntities.Graph agents = JupiterOneEntities.of(ReportSummary.parse(report), "uuid-alice-laptop", Optional.of("alice@acme.example"));
        assertEquals(Http.JSON.valueToTree(agents.entities()), Http.JSON.valueToTree(first.entities()), "the very graph the agent would write");
        assertEquals(Http.JSON.valueToTree(agents.relationships()), Http.JSON.valueToTree(first.relationships()));
        assertTrue(first.entities().stream().anyMatch(e -> e.path("_type").asText().equals("auscult_finding")
                && e.path("practice").asText().equals("automaticUpdates")), "the failing practice is a finding");

        alice.report(policy, true);   // fixed: the finding goes (a DIFF job without it)
        until(() -> jobs.size() == 2, "the fix in JupiterOne");
        assertTrue(jobs.get(1).entities().stream().noneMatch(e -> e.path("practice").asText().equals("automaticUpdates")));
        alice.report(policy, true);   // unchanged: nothing
        Thread.sleep(1_500);
        assertEquals(2, jobs.size());

        server.services.devices().revoke(new Account("acme"), alice.record().deviceId(), Actor.cli("acme", "test"));
        until(() -> jobs.size() == 3, "the revocation");
        assertEquals("auscult:uuid-alice-laptop", jobs.get(2).scope());
        assertTrue(jobs.get(2).entities().isEmpty(), "an empty DIFF: the device's entities are removed");
    }

    @Test
    void theRateLimitAndARefusedKeyAreRetriedAndShown() throws Exception {
        troubles.addAll(List.of(429, 429, 429, 503));
        TrustedDevice alice = TrustedDevice.activate(server, dir, "alice-laptop", "acme", "alice@acme.example");
        alice.report(policy, false);
        until(() -> jobs.size() == 1, "the report after J1's rate limit");
        until(() -> server.services.deliveries().backlog(new Account("acme")) == 0, "the delivery marked sent");
        assertEquals(1, jobs.size(), "once");

        key = "rotated-in-j1";   // the key the target holds is no longer J1's
        alice.report(policy, true);
        until(() -> server.services.deliveries().list(new Account("acme")).getFirst().lastError().filter(e -> e.contains("refused the API key")).isPresent(),
                "the refusal shown on the target");
        assertEquals(1, server.services.deliveries().backlog(new Account("acme")), "the change waits");
        key = "j1-key";
        // retried with back-off (5 s after the first failure): it goes
        until(() -> jobs.size() == 2, "the change once the key works again");
        until(() -> server.services.deliveries().backlog(new Account("acme")) == 0, "nothing left waiting");
        assertEquals(2, jobs.size());

        server.services.admins().create(new Account("acme"), "owner@acme.example", "correct horse battery", Role.OWNER, "test");
        String page = ConsoleSession.signIn(server.base(), "owner@acme.example", "correct horse battery").get("/console/push").body();
        assertTrue(page.contains("JupiterOne") && page.contains("id=\"new-jupiterone\""), "listed, and the form to add one");
    }
}
