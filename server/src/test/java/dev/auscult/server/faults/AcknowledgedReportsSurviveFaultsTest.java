package dev.auscult.server.faults;

import dev.auscult.server.store.Database;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.auscult.server.Http;
import dev.auscult.server.PostgresCluster;
import dev.auscult.server.RunningServer;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The fault suite: agents under load while the server is killed with SIGKILL, its disk fills up, its PostgreSQL
 * stops, crashes or turns read-only. Every run counts what the agents were told and what the database holds:
 * 0 acknowledged reports lost, 0 reports refused for the server's own trouble. The durable PostgreSQL cluster
 * here runs with production settings (fsync and synchronous commits on), unlike the storage tests' fast one.
 */
class AcknowledgedReportsSurviveFaultsTest {

    private static final int AGENTS = 16;
    private static final boolean REQUIRED = "1".equals(System.getenv("AUSCULT_REQUIRE_FAULTS"));
    private static PostgresCluster postgres;

    @BeforeAll
    static void durablePostgres() throws Exception {
        postgres = PostgresCluster.create(true).orElse(null);
        if (postgres == null && "1".equals(System.getenv("AUSCULT_REQUIRE_POSTGRES"))) {
            throw new IllegalStateException("AUSCULT_REQUIRE_POSTGRES=1 but PostgreSQL is not installed");
        }
    }

    @AfterAll
    static void stopPostgres() throws Exception {
        if (postgres != null) {
            postgres.close();
        }
    }

    private static Path log(String name) throws Exception {
        Path dir = Files.createDirectories(Path.of("target", "fault-logs"));
        return dir.resolve(name + ".log");
    }

    @Test
    void killingTheServerOnTheEmbeddedDefaultLosesNoAcknowledgedReport() throws Exception {
        Path data = Files.createTempDirectory("auscult-kill9").resolve("data");
        killUnderLoad("sqlite-kill9", Optional.empty(), data, List.of("--data", data.toString()));
    }

    @Test
    void killingTheServerOnPostgresqlLosesNoAcknowledgedReport() throws Exception {
        Assumptions.assumeTrue(postgres != null, "PostgreSQL is not installed");
        String url = PostgresCluster.createDatabase(postgres.adminUrl());
        killUnderLoad("postgresql-kill9", Optional.of(url), Files.createTempDirectory("auscult-kill9-pg"), List.of("--database", url));
    }

    private void killUnderLoad(String name, Optional<String> url, Path data, List<String> connection) throws Exception {
        Map<String, String> codes = FaultRun.seed(url, data, AGENTS);
        ServerProcess first = ServerProcess.start(connection, log(name));
        Duration recovery;
        AgentLoad.Counts counts;
        try (AgentLoad load = AgentLoad.activate(first.graphql(), FaultRun.ACCOUNT, codes)) {
            load.start();
            Thread.sleep(3_000);
            first.killHard(); // mid-write: 16 agents are sending back to back
            long t0 = System.nanoTime();
            try (ServerProcess second = ServerProcess.start(connection, log(name))) {
                recovery = Duration.ofNanos(System.nanoTime() - t0);
                load.pointAt(second.graphql());
                Thread.sleep(1_500);
                counts = load.stop();
            }
        }
        FaultRun.Outcome o = FaultRun.account(name, counts, FaultRun.stored(url, data), recovery);
        assertTrue(counts.acknowledged() > 50, "the load ran: " + o);
        assertEquals(0, o.lost(), "acknowledged reports lost: " + o);
        assertEquals(0, counts.refused(), "refused for a server fault: " + counts.refusals());
    }

    @Test
    void aFullDiskIsAnsweredRetryLaterAndTheServerRecoversWhenSpaceIsFreed() throws Exception {
        StringBuilder why = new StringBuilder();
        Optional<TmpfsMount> mounted = TmpfsMount.mount(24, why);
        if (mounted.isEmpty()) {
            if (REQUIRED) {
                throw new IllegalStateException("AUSCULT_REQUIRE_FAULTS=1 but " + why);
            }
            Assumptions.abort(why.toString());
        }
        try (TmpfsMount disk = mounted.get()) {
            Optional<String> url = Optional.of("sqlite:" + disk.dir.resolve("auscult.db"));
            Map<String, String> codes = FaultRun.seed(url, disk.dir, AGENTS);
            try (RunningServer server = RunningServer.start(url.get(), m -> { }); AgentLoad load = AgentLoad.activate(server.graphql(), FaultRun.ACCOUNT, codes)) {
                load.start();
                Thread.sleep(1_000);
                Path filler = disk.fill();
                long retriedBefore = load.counts().retried();
                boolean healthSaidSo = false;
                for (int i = 0; i < 40 && !healthSaidSo; i++) {
                    healthSaidSo = health(server.base()).statusCode() == 503;
                    Thread.sleep(50);
                }
                Thread.sleep(1_500);
                long retriedWhileFull = load.counts().retried() - retriedBefore;
                long ackedWhileFull = load.counts().acknowledged();
                Files.delete(filler);
                long t0 = System.nanoTime();
                while (health(server.base()).statusCode() != 200 && System.nanoTime() - t0 < Duration.ofSeconds(30).toNanos()) {
                    Thread.sleep(20);
                }
                Duration recovery = Duration.ofNanos(System.nanoTime() - t0);
                Thread.sleep(1_500);
                AgentLoad.Counts counts = load.stop();
                FaultRun.Outcome o = FaultRun.account("sqlite-disk-full", counts, FaultRun.stored(url, disk.dir), recovery);
                assertTrue(healthSaidSo, "/health said 503 while the disk was full");
                assertTrue(retriedWhileFull > 0, "the full disk was answered 'try later': " + o);
                assertTrue(counts.acknowledged() > ackedWhileFull, "reports are kept again once space is freed, without a restart: " + o);
                assertEquals(200, health(server.base()).statusCode());
                assertEquals(0, o.lost(), "acknowledged reports lost: " + o);
                assertEquals(0, counts.refused(), "refused for a server fault: " + counts.refusals());
            }
        }
    }

    @Test
    void postgresqlStoppedCrashedOrReadOnlyIsAnsweredRetryLaterAndNothingIsLost() throws Exception {
        Assumptions.assumeTrue(postgres != null, "PostgreSQL is not installed");
        String url = PostgresCluster.createDatabase(postgres.adminUrl());
        Path data = Files.createTempDirectory("auscult-pg-faults");
        Map<String, String> codes = FaultRun.seed(Optional.of(url), data, AGENTS);
        Duration down = Duration.ofSeconds(Long.getLong("auscult.faults.postgresDownSeconds", 30));
        List<String> phases = new ArrayList<>();
        try (RunningServer server = RunningServer.start(url, m -> { }); AgentLoad load = AgentLoad.activate(server.graphql(), FaultRun.ACCOUNT, codes)) {
            load.start();
            Thread.sleep(1_000);

            postgres.stop("fast"); // an orderly stop: sessions get 57P01, then nothing listens
            assertEquals(503, health(server.base()).statusCode());
            Thread.sleep(down.toMillis());
            postgres.start();
            phases.add("stopped " + down.toSeconds() + " s, back after " + untilHealthy(server.base()).toMillis() + " ms");
            Thread.sleep(1_000);

            postgres.stop("immediate"); // a crash: no checkpoint, recovery from the WAL
            Thread.sleep(2_000);
            postgres.start();
            phases.add("crashed, back after " + untilHealthy(server.base()).toMillis() + " ms");
            Thread.sleep(1_000);

            // a fail-over to a standby: every new session is read-only until the primary is back
            String db = url.substring(url.lastIndexOf('/') + 1);
            admin("ALTER DATABASE " + db + " SET default_transaction_read_only = on",
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + db + "' AND pid <> pg_backend_pid()");
            Thread.sleep(1_000);
            HttpResponse<String> readOnlyHealth = health(server.base());
            assertEquals(503, readOnlyHealth.statusCode(), readOnlyHealth.body());
            assertTrue(readOnlyHealth.body().contains("read-only"), readOnlyHealth.body());
            Thread.sleep(1_000);
            admin("ALTER DATABASE " + db + " SET default_transaction_read_only = off",
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + db + "' AND pid <> pg_backend_pid()");
            phases.add("read-only, writable again after " + untilHealthy(server.base()).toMillis() + " ms");
            Thread.sleep(1_000);

            AgentLoad.Counts counts = load.stop();
            FaultRun.Outcome o = FaultRun.account("postgresql-stop-crash-readonly (" + String.join("; ", phases) + ")", counts,
                    FaultRun.stored(Optional.of(url), data), Duration.ZERO);
            assertTrue(counts.retried() > 0, "the outages were answered 'try later': " + o);
            assertEquals(0, o.lost(), "acknowledged reports lost: " + o);
            assertEquals(0, counts.refused(), "refused for a server fault: " + counts.refusals());
        }
    }

    private static void admin(String... statements) throws Exception {
        var t = Database.target(postgres.adminUrl());
        try (var c = java.sql.DriverManager.getConnection(t.jdbcUrl(), t.user().orElse(null), null); var s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        }
    }

    private static HttpResponse<String> health(URI base) throws Exception {
        return Http.send(HttpRequest.newBuilder(base.resolve("/health")).timeout(Duration.ofSeconds(15)).GET().build());
    }

    private static Duration untilHealthy(URI base) throws Exception {
        long t0 = System.nanoTime();
        while (health(base).statusCode() != 200) {
            if (System.nanoTime() - t0 > Duration.ofSeconds(60).toNanos()) {
                throw new IllegalStateException("the server did not recover within 60 s");
            }
            Thread.sleep(20);
        }
        return Duration.ofNanos(System.nanoTime() - t0);
    }
}
