package dev.auscult.server;

import dev.auscult.server.store.Account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.auscult.server.store.Database;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.DriverManager;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded default: SQLite, owner-only on disk, beside which the admin CLI can work; and an earlier
 * version's H2 database is refused with the one command that migrates it, which then carries every row over.
 */
class EmbeddedDatabaseTest {

    @TempDir
    Path tmp;

    @Test
    void theDataDirectoryAndDatabaseAreReadableByTheServersUserOnly() throws Exception {
        Path data = tmp.resolve("data");
        try (Database db = Database.open(Optional.empty(), data, 2)) {
            db.migrate();
            assertTrue(db.health().writable());
        }
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(data)));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(data.resolve("auscult.db"))));
    }

    @Test
    void theAdminCommandLineWorksBesideTheRunningServer() throws Exception {
        Path data = tmp.resolve("data");
        try (RunningServer server = RunningServer.start("sqlite:" + data.resolve("auscult.db"), m -> { })) {
            StringWriter out = new StringWriter();
            var cli = Main.commandLine();
            cli.setOut(new PrintWriter(out));
            assertEquals(0, cli.execute("admin", "create-account", "--database", "sqlite:" + data.resolve("auscult.db"), "acme", "--name", "Acme"),
                    out.toString());
            assertTrue(server.services.accounts().find("acme").isPresent(), "the running server sees what the CLI wrote");
        }
    }

    @Test
    void anH2UrlIsRefusedWithTheWayToMigrate() {
        var e = assertThrows(IllegalArgumentException.class, () -> Database.target("h2:/var/lib/auscult/auscult"));
        assertTrue(e.getMessage().contains("admin migrate-h2"), e.getMessage());
    }

    @Test
    void anEarlierVersionsH2DataIsRefusedThenMigratedWhole() throws Exception {
        Path data = Files.createDirectories(tmp.resolve("data"));
        Instant received = Instant.parse("2026-11-30T08:15:00Z");
        String h2 = "jdbc:h2:file:" + data.resolve("auscult") + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";
        // the schema an earlier server left (its migrations ran on H2), with a device that reported
        Flyway.configure().dataSource(h2, "sa", "").locations("classpath:db/migration/postgresql").target("4").load().migrate();
        try (var c = DriverManager.getConnection(h2, "sa", ""); var s = c.createStatement()) {
            s.execute("INSERT INTO accounts VALUES ('acme', 'Acme', TIMESTAMP WITH TIME ZONE '2026-11-01 10:00:00+00')");
            s.execute("INSERT INTO people (account_id, email, name, active, created_at, updated_at) VALUES ('acme', 'alice@acme.example', 'Alice', TRUE, "
                    + "TIMESTAMP WITH TIME ZONE '2026-11-01 10:00:00+00', TIMESTAMP WITH TIME ZONE '2026-11-01 10:00:00+00')");
            s.execute("INSERT INTO devices (id, account_id, owner_email, device_uuid, token_hash, platform, hostname, activated_at, last_seen_at, "
                    + "latest_report, latest_status) VALUES ('dev_1', 'acme', 'alice@acme.example', 'uuid-1', 'hash-1', 'linux', 'alice-laptop', "
                    + "TIMESTAMP WITH TIME ZONE '2026-11-02 10:00:00+00', TIMESTAMP WITH TIME ZONE '2026-11-30 08:15:00+00', 'r1', 'FAIL')");
            s.execute("INSERT INTO reports VALUES ('r1', 'dev_1', 'acme', TIMESTAMP WITH TIME ZONE '2026-11-30 08:15:00+00', '2026-11-30T08:14:00Z', 'FAIL', '"
                    + AgentReports.debian11().replace("'", "''") + "')");
            s.execute("INSERT INTO report_practices VALUES ('r1', 'diskEncryption', 'OFF', 'FAIL')");
            s.execute("INSERT INTO device_days VALUES ('dev_1', DATE '2026-11-30', 'acme', 'FAIL', TIMESTAMP WITH TIME ZONE '2026-11-30 08:15:00+00')");
            s.execute("INSERT INTO audit_log (account_id, actor, action, detail, at) VALUES ('acme', 'cli:root', 'account.create', 'created', "
                    + "TIMESTAMP WITH TIME ZONE '2026-11-01 10:00:00+00')");
        }

        var refused = assertThrows(IllegalArgumentException.class, () -> Database.open(Optional.empty(), data, 2));
        assertTrue(refused.getMessage().contains("auscult-server admin migrate-h2 --data " + data), refused.getMessage());

        StringWriter out = new StringWriter();
        var cli = Main.commandLine();
        cli.setOut(new PrintWriter(out));
        assertEquals(0, cli.execute("admin", "migrate-h2", "--data", data.toString()), out.toString());
        assertTrue(out.toString().contains("reports              1 rows"), out.toString());
        assertTrue(Files.exists(data.resolve("auscult.mv.db.migrated")), "the H2 file is kept, renamed");
        assertFalse(Files.exists(data.resolve("auscult.mv.db")));

        ServerConfig cfg = ServerConfig.load(Optional.empty(), Map.of()).withDatabase(Optional.empty(), Optional.of(data));
        try (Database db = Database.open(Optional.empty(), data, 2)) {
            db.migrate(); // the copy is at the newest schema already: nothing to do, nothing refused
            ServerServices s = ServerServices.create(cfg, db, Clock.fixed(received.plusSeconds(3600), ZoneOffset.UTC), m -> { });
            assertEquals("Acme", s.accounts().require("acme").name());
            var device = s.devices().find(new Account("acme"), "dev_1").orElseThrow();
            assertEquals(received, device.lastSeenAt(), "instants survive the copy exactly");
            assertEquals("r1", s.reports().latest(new Account("acme"), "dev_1").orElseThrow().reportId());
            var overview = s.fleet().overview(new Account("acme"));
            assertEquals(1, overview.failingByPractice().get("diskEncryption"));
            assertEquals(1, overview.trend().stream().filter(d -> d.day().equals(LocalDate.of(2026, 11, 30))).findFirst().orElseThrow().reporting(),
                    "the trend's days read like days written live");
        }
        assertEquals(1, Main.commandLine().execute("admin", "migrate-h2", "--data", data.toString()), "a second run refuses: nothing to migrate");
    }
}
