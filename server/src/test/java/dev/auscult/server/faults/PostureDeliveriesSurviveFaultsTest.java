package dev.auscult.server.faults;

import dev.auscult.server.store.Account;

import dev.auscult.server.store.DeliveryTarget;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.auscult.server.PostgresCluster;
import dev.auscult.server.service.Actor;
import dev.auscult.server.service.Deliveries;
import dev.auscult.server.store.Database;
import io.javalin.Javalin;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Posture pushed under faults: agents report changes back to back (each device alternates failing and passing) while
 * the server is killed with SIGKILL in the middle of sending, while PostgreSQL is stopped, while the receiver answers
 * 500, 429 and nothing at all. Counted at the end against the outbox the database holds: every change the server
 * stored was received (0 lost), exactly one delivery per change and no event the server did not make (0 doubled);
 * a delivery received again with its same event ID after a kill (at-least-once, which receivers deduplicate on) is
 * counted and reported. Each run's line goes to {@code target/fault-runs.txt} (docs/reliability.md quotes them).
 * The receiver's outage lasts {@code -Dauscult.outage} (an ISO duration; 20 s by default, 5 minutes for the
 * documented run) and PostgreSQL's {@code -Dauscult.pgStop} (30 s).
 */
class PostureDeliveriesSurviveFaultsTest {

    private static final int AGENTS = 8;
    private static PostgresCluster postgres;

    private Javalin receiver;
    /** Event ID → how many times the receiver accepted it. */
    private final Map<String, AtomicInteger> received = new ConcurrentHashMap<>();
    private volatile boolean trouble;
    private final AtomicInteger troubleAnswers = new AtomicInteger();

    @BeforeAll
    static void durablePostgres() throws Exception {
        postgres = PostgresCluster.create(true).orElse(null);
    }

    @AfterAll
    static void stopPostgres() throws Exception {
        if (postgres != null) {
            postgres.close();
        }
    }

    @BeforeEach
    void receiver() {
        receiver = Javalin.create(c -> {
            c.startup.showJavalinBanner = false;
            c.routes.post("/hook", ctx -> {
                if (trouble) {
                    // in turn: a failure, a rate limit, and no answer within the worker's 10 s
                    switch (troubleAnswers.getAndIncrement() % 3) {
                        case 0 -> ctx.status(500);
                        case 1 -> ctx.status(429).header("Retry-After", "2");
                        default -> {
                            Thread.sleep(11_000);
                            ctx.status(204);
                        }
                    }
                    return;
                }
                Thread.sleep(20);   // a receiver that takes a moment: sends are in flight when the server is killed
                received.computeIfAbsent(String.valueOf(ctx.header("webhook-id")), k -> new AtomicInteger()).incrementAndGet();
                ctx.status(204);
            });
        }).start("127.0.0.1", 0);
    }

    @AfterEach
    void stopReceiver() {
        receiver.stop();
    }

    private void webhook(dev.auscult.server.ServerServices s) {
        s.deliveries().add(new Account(FaultRun.ACCOUNT), DeliveryTarget.Kind.WEBHOOK, "receiver", "http://127.0.0.1:" + receiver.port() + "/hook", Optional.empty(),
                Optional.empty(), Actor.cli(FaultRun.ACCOUNT, "fault-suite"));
    }

    private static Path log(String name) throws Exception {
        return Files.createDirectories(Path.of("target", "fault-logs")).resolve(name + ".log");
    }

    /** The outbox as a fresh connection reads it: each delivery's event ID, whether it was sent, and the stored reports. */
    private record Outbox(List<String> events, long unsent, long reports) {
    }

    private static Outbox outbox(Optional<String> url, Path data) {
        try (Database db = Database.open(url, data, 1)) {
            return db.jdbi().withHandle(h -> new Outbox(h.createQuery("SELECT event_id FROM deliveries").mapTo(String.class).list(),
                    h.createQuery("SELECT count(*) FROM deliveries WHERE sent_at IS NULL").mapTo(Long.class).one(),
                    h.createQuery("SELECT count(*) FROM reports").mapTo(Long.class).one()));
        }
    }

    /** Waits until the server has sent everything in its outbox (claims of a killed process expire after a minute). */
    private static Outbox drained(Optional<String> url, Path data, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        Outbox o = outbox(url, data);
        while (o.unsent() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(500);
            o = outbox(url, data);
        }
        return o;
    }

    /** 0 lost, 0 doubled: the counts, written down for docs/reliability.md. */
    private void account(String name, Outbox o, AgentLoad.Counts load, Duration drain) throws Exception {
        Set<String> made = new HashSet<>(o.events());
        Set<String> got = received.keySet();
        Set<String> lost = new HashSet<>(made);
        lost.removeAll(got);
        Set<String> strange = new HashSet<>(got);
        strange.removeAll(made);
        long again = received.values().stream().mapToInt(AtomicInteger::get).filter(n -> n > 1).count();
        String line = "[fault-suite] " + name + ": " + load + " reports-stored=" + o.reports() + " changes=" + made.size() + " received="
                + got.size() + " lost=" + lost.size() + " doubled=" + (o.events().size() - made.size() + strange.size())
                + " received-again-same-id=" + again + " drained-in=" + drain.toSeconds() + "s";
        System.out.println(line);
        Path out = Path.of("target", "fault-runs.txt");
        Files.createDirectories(out.getParent());
        Files.writeString(out, line + System.lineSeparator(), StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        assertTrue(made.size() > 20, "the load made changes: " + line);
        assertEquals(0, o.unsent(), "everything sent: " + line);
        assertEquals(Set.of(), lost, "changes lost: " + line);
        assertEquals(o.events().size(), made.size(), "one delivery per change: " + line);
        assertEquals(Set.of(), strange, "events the server never made: " + line);
        assertEquals(o.reports(), made.size(), "every stored report was a change, and each was pushed once: " + line);
    }

    private static Optional<String> postgresUrl() {
        return Optional.ofNullable(postgres).map(p -> PostgresCluster.createDatabase(p.adminUrl()));
    }

    @Test
    void killingTheServerWhileItSendsLosesAndDoublesNoChange() throws Exception {
        Optional<String> url = postgresUrl();
        Path data = Files.createTempDirectory("auscult-push-kill9").resolve("data");
        List<String> connection = url.map(u -> List.of("--database", u)).orElse(List.of("--data", data.toString()));
        Map<String, String> codes = FaultRun.seed(url, data, AGENTS, this::webhook);
        AgentLoad.Counts counts;
        try (ServerProcess first = ServerProcess.start(connection, log("push-kill9"))) {
            try (AgentLoad load = AgentLoad.activate(first.graphql(), FaultRun.ACCOUNT, codes).alternating()) {
                load.start();
                Thread.sleep(3_000);
                first.killHard();   // reports being stored, deliveries being sent
                try (ServerProcess second = ServerProcess.start(connection, log("push-kill9"))) {
                    load.pointAt(second.graphql());
                    Thread.sleep(2_000);
                    counts = load.stop();
                    long t0 = System.nanoTime();
                    Outbox o = drained(url, data, Duration.ofSeconds(150));
                    account("push-kill9 (" + (url.isPresent() ? "PostgreSQL" : "SQLite") + ")", o, counts, Duration.ofNanos(System.nanoTime() - t0));
                }
            }
        }
    }

    @Test
    void postgresqlStoppedWhileChangesFlowLosesNoChange() throws Exception {
        Assumptions.assumeTrue(postgres != null, "PostgreSQL is not installed");
        Optional<String> url = postgresUrl();
        Path data = Files.createTempDirectory("auscult-push-pg");
        Duration stopped = Duration.parse(System.getProperty("auscult.pgStop", "PT30S"));
        Map<String, String> codes = FaultRun.seed(url, data, AGENTS, this::webhook);
        try (ServerProcess server = ServerProcess.start(List.of("--database", url.get()), log("push-pg-stop"));
             AgentLoad load = AgentLoad.activate(server.graphql(), FaultRun.ACCOUNT, codes).alternating()) {
            load.start();
            Thread.sleep(2_000);
            postgres.stop("fast");
            Thread.sleep(stopped.toMillis());
            postgres.start();
            server.awaitHealthy(Duration.ofSeconds(60));
            Thread.sleep(3_000);
            AgentLoad.Counts counts = load.stop();
            long t0 = System.nanoTime();
            Outbox o = drained(url, data, Duration.ofSeconds(120));
            account("push-postgresql-stopped-" + stopped.toSeconds() + "s", o, counts, Duration.ofNanos(System.nanoTime() - t0));
        }
    }

    @Test
    void aReceiverFailingRateLimitingAndSilentForMinutesGetsEveryChange() throws Exception {
        Duration outage = Duration.parse(System.getProperty("auscult.outage", "PT20S"));
        Path data = Files.createTempDirectory("auscult-push-outage").resolve("data");
        Map<String, String> codes = FaultRun.seed(Optional.empty(), data, AGENTS, this::webhook);
        try (ServerProcess server = ServerProcess.start(List.of("--data", data.toString()), log("push-outage"));
             AgentLoad load = AgentLoad.activate(server.graphql(), FaultRun.ACCOUNT, codes).alternating()) {
            trouble = true;
            load.start();
            Thread.sleep(Math.min(outage.toMillis(), 5_000));
            AgentLoad.Counts counts = load.stop();
            Thread.sleep(Math.max(0, outage.toMillis() - 5_000));
            trouble = false;
            long t0 = System.nanoTime();
            // the longest back-off after such an outage is about as long as the outage itself (doubling from 5 s)
            Outbox o = drained(Optional.empty(), data, outage.multipliedBy(2).plusSeconds(60));
            account("push-receiver-outage-" + outage.toSeconds() + "s (" + troubleAnswers.get() + " answers 500/429/none)", o, counts,
                    Duration.ofNanos(System.nanoTime() - t0));
        }
    }
}
