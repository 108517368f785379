package dev.auscult.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.auscult.server.store.Database;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * A database made by an early version, holding reports, brought up to date: what it held is still there, and the trend
 * days V3 computed from the old reports are UTC days — as every later report writes them — even when the database
 * session of the server that migrated was in a time zone far from UTC (here Auckland, UTC+13 in December).
 */
class MigrationsKeepDataTest {

    private static final String FAR_ZONE = "Pacific/Auckland";

    /** Report times around the two midnights of interest: in Auckland, the first two are on 2 December, not 1 December. */
    private static final List<Instant> RECEIVED = List.of(Instant.parse("2026-12-01T11:30:00Z"), Instant.parse("2026-12-01T12:30:00Z"),
            Instant.parse("2026-12-01T23:50:00Z"), Instant.parse("2026-12-02T00:10:00Z"), Instant.parse("2026-12-02T09:00:00Z"));
    private static final List<String> STATUS = List.of("PASS", "FAIL", "NUDGE", "PASS", "FAIL");

    @Test
    void anEarlyDatabaseWithReportsMigratesToUtcDaysAndKeepsItsData() throws SQLException {
        Assumptions.assumeTrue(TestDatabases.all().anyMatch(k -> k.name().equals("PostgreSQL")),
                "PostgreSQL is not installed here (the embedded SQLite default never had reports before V3: its V3 has no backfill)");
        Database.Target target = Database.target(new TestDatabases.Kind("PostgreSQL").freshUrl());
        Properties far = new Properties();
        target.user().ifPresent(u -> far.setProperty("user", u));
        target.password().ifPresent(p -> far.setProperty("password", p));

        Flyway.configure().dataSource(target.jdbcUrl(), target.user().orElse(null), target.password().orElse(null))
                .locations("classpath:db/migration/postgresql").target("2").load().migrate();
        try (Connection c = DriverManager.getConnection(target.jdbcUrl(), far)) {
            seedVersion2(c);
        }
        // the later scripts run in the far time zone, as on a server whose database session is not UTC
        // (the JDBC driver sets the session's zone to the JVM's at connect; this runs after it, on each connection Flyway opens)
        Flyway.configure().dataSource(target.jdbcUrl(), target.user().orElse(null), target.password().orElse(null))
                .initSql("SET TIME ZONE '" + FAR_ZONE + "'").locations("classpath:db/migration/postgresql").load().migrate();

        try (Connection c = DriverManager.getConnection(target.jdbcUrl(), far)) {
            assertEquals(List.of("2026-12-01 NUDGE 2026-12-01T23:50:00Z", "2026-12-02 FAIL 2026-12-02T09:00:00Z"),
                    rows(c, "SELECT report_day, status, at FROM device_days WHERE device_id = 'dev_1' ORDER BY report_day"),
                    "each UTC day has the status of its last report");
            assertEquals(List.of("5"), rows(c, "SELECT count(*) FROM reports"));
            assertEquals(List.of("dev_1 r5 FAIL"), rows(c, "SELECT id, latest_report, latest_status FROM devices"));
            assertEquals(List.of("dev_1 firewall FAIL", "dev_1 firewall PASS"),
                    rows(c, "SELECT device_id, practice, verdict FROM report_practices WHERE report_id IN ('r4', 'r5') ORDER BY verdict"),
                    "the practice lines took their device when reports became per-device (V7)");
            assertEquals(List.of("ann@acme.example"), rows(c, "SELECT email FROM people"));
        }
    }

    private static void seedVersion2(Connection c) throws SQLException {
        Instant t0 = Instant.parse("2026-11-30T08:00:00Z");
        exec(c, "INSERT INTO accounts (id, name, created_at) VALUES ('acme', 'Acme', ?)", t0);
        exec(c, "INSERT INTO people (account_id, email, active, created_at, updated_at) VALUES ('acme', 'ann@acme.example', TRUE, ?, ?)", t0, t0);
        exec(c, "INSERT INTO devices (id, account_id, owner_email, device_uuid, token_hash, platform, activated_at, last_seen_at, latest_report, "
                + "latest_status) VALUES ('dev_1', 'acme', 'ann@acme.example', 'uuid-1', 'h1', 'linux', ?, ?, 'r5', 'FAIL')", t0, RECEIVED.getLast());
        for (int i = 0; i < RECEIVED.size(); i++) {
            String id = "r" + (i + 1);
            exec(c, "INSERT INTO reports (report_id, device_id, account_id, received_at, status, body) VALUES ('" + id + "', 'dev_1', 'acme', ?, '"
                    + STATUS.get(i) + "', '{}')", RECEIVED.get(i));
            exec(c, "INSERT INTO report_practices (report_id, practice, state, verdict) VALUES ('" + id + "', 'firewall', 'x', '"
                    + (STATUS.get(i).equals("PASS") ? "PASS" : "FAIL") + "')");
        }
    }

    private static void exec(Connection c, String sql, Instant... times) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < times.length; i++) {
                s.setTimestamp(i + 1, Timestamp.from(times[i]));
            }
            s.executeUpdate();
        }
    }

    /** Each row as its columns joined by spaces; timestamps as instants, so the session's zone does not show. */
    private static List<String> rows(Connection c, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(sql); ResultSet rs = s.executeQuery()) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<String> cols = new ArrayList<>();
                for (int i = 1; i <= n; i++) {
                    Object v = rs.getObject(i);
                    cols.add(v instanceof Timestamp t ? t.toInstant().toString() : String.valueOf(v));
                }
                out.add(String.join(" ", cols));
            }
        }
        return out;
    }
}
