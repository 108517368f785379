package dev.auscult.server.service;

import dev.auscult.report.ReportSummary;
import dev.auscult.server.store.Failures;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;

/**
 * Stores the {@code scan-report/1} documents agents send. Exactly once per reportId, by the primary key:
 * a resent report (the agent's outbox delivers at least once) is answered as a duplicate. A malformed
 * report is refused whole; nothing is half stored (report, practice rows and the device's summary go in
 * one transaction).
 */
public final class Reports {

    /** Larger than any real report (~10 KB) by far; beyond it the body is not a report. */
    public static final int MAX_REPORT_BYTES = 512 * 1024;

    public record Stored(String reportId, boolean duplicate) {
    }

    public record Report(String reportId, String deviceId, Instant receivedAt, Optional<String> status, String body) {
    }

    private final Jdbi jdbi;
    private final Clock clock;
    private final Deliveries deliveries;

    public Reports(Jdbi jdbi, Clock clock, Deliveries deliveries) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.deliveries = deliveries;
    }


    public Stored store(Devices.Caller device, String deviceId, String reportId, String body) {
        if (!device.deviceId().equals(deviceId)) {
            throw new ApiError(ApiError.Code.FORBIDDEN, "a device reports for itself only");
        }
        if (!reportId.matches("[A-Za-z0-9._-]{1,64}")) {
            throw new ApiError(ApiError.Code.BAD_REQUEST, "reportId must be 1–64 letters, digits, '.', '_' or '-'");
        }
        if (body.length() > MAX_REPORT_BYTES) {
            throw new ApiError(ApiError.Code.BAD_REQUEST, "the report is larger than " + MAX_REPORT_BYTES / 1024 + " KiB");
        }
        ReportSummary summary;
        try {
            summary = ReportSummary.parse(body);
        } catch (IllegalArgumentException e) {
            throw new ApiError(ApiError.Code.BAD_REQUEST, e.getMessage());
        }
        refuseNulBytes(summary);
        Instant now = clock.instant();
        try {
            jdbi.useTransaction(h -> {
                h.createUpdate("INSERT INTO reports (report_id, device_id, account_id, received_at, scanned_at, status, body) "
                                + "VALUES (:r, :d, :a, :now, :scanned, :status, :body)")
                        .bind("r", reportId).bind("d", deviceId).bind("a", device.accountId()).bind("now", now)
                        .bind("scanned", summary.scannedAt().map(s -> s.length() > 40 ? s.substring(0, 40) : s).orElse(null))
                        .bind("status", summary.status().orElse(null)).bind("body", body).execute();
                var batch = h.prepareBatch("INSERT INTO report_practices (report_id, device_id, practice, state, verdict) VALUES (:r, :d, :p, :s, :v)");
                java.util.Set<String> seen = new java.util.HashSet<>();
                for (ReportSummary.Practice p : summary.practices()) {
                    if (seen.add(p.id())) {
                        batch.bind("r", reportId).bind("d", deviceId).bind("p", p.id()).bind("s", p.state()).bind("v", p.verdict().orElse(null)).add();
                    }
                }
                if (!seen.isEmpty()) {
                    batch.execute();
                }
                // the day's last status of the device, for the trend (a later report the same day replaces it)
                h.createUpdate("INSERT INTO device_days (device_id, report_day, account_id, status, at) VALUES (:d, :day, :a, :status, :now) "
                                + "ON CONFLICT (device_id, report_day) DO UPDATE SET status = excluded.status, at = excluded.at")
                        .bind("d", deviceId).bind("day", java.time.LocalDate.ofInstant(now, java.time.ZoneOffset.UTC))
                        .bind("a", device.accountId()).bind("status", summary.status().orElse(null)).bind("now", now).execute();
                // before the device's row moves on: the outbox compares this report with the previous one (same transaction)
                java.util.Set<String> nowFailing = new java.util.HashSet<>();
                summary.practices().stream().filter(p -> p.verdict().filter(v -> v.equals("FAIL") || v.equals("UNKNOWN")).isPresent())
                        .forEach(p -> nowFailing.add(p.id()));
                deliveries.reported(h, device.accountId(), deviceId, new Deliveries.Posture(summary.status().orElse("NONE"), nowFailing));
                var d = summary.device();
                h.createUpdate("UPDATE devices SET last_seen_at = :now, latest_report = :r, latest_status = :status, stale_pushed_at = NULL, "
                                + "os_name = COALESCE(:osn, os_name), os_version = COALESCE(:osv, os_version), hostname = COALESCE(:host, hostname), "
                                + "agent_version = :agent WHERE id = :d")
                        .bind("now", now).bind("r", reportId).bind("status", summary.status().orElse(null))
                        .bind("osn", cut(d.osName(), 200)).bind("osv", cut(d.osVersion(), 100)).bind("host", cut(d.deviceName(), 255))
                        .bind("agent", summary.agentVersion().length() > 50 ? summary.agentVersion().substring(0, 50) : summary.agentVersion())
                        .bind("d", deviceId).execute();
            });
            return new Stored(reportId, false);
        } catch (JdbiException e) {
            if (!Failures.isDuplicate(e)) {
                throw e;
            }
            // the key is (device, report): only this device's own report can be the duplicate, whatever other devices sent
            jdbi.useHandle(h -> h.createUpdate("UPDATE devices SET last_seen_at = :now WHERE id = :d").bind("now", now).bind("d", deviceId).execute());
            return new Stored(reportId, true);
        }
    }

    /**
     * The values stored in columns of their own must be storable on every engine: a NUL byte (JSON's
     * {@code \\u0000}) is refused as the report's fault, as PostgreSQL would refuse it, not as the server's.
     */
    private static void refuseNulBytes(ReportSummary summary) {
        var d = summary.device();
        java.util.stream.Stream<Optional<String>> values = java.util.stream.Stream.of(d.osName(), d.osVersion(), d.deviceName(), summary.scannedAt(),
                summary.status(), Optional.of(summary.agentVersion()));
        java.util.stream.Stream<Optional<String>> practices = summary.practices().stream()
                .flatMap(p -> java.util.stream.Stream.of(Optional.of(p.id()), Optional.of(p.state()), p.verdict()));
        if (java.util.stream.Stream.concat(values, practices).flatMap(Optional::stream).anyMatch(v -> v.indexOf('\0') >= 0)) {
            throw new ApiError(ApiError.Code.BAD_REQUEST, "the report holds a NUL byte in a value the server keeps");
        }
    }

    private static String cut(Optional<String> v, int max) {
        return v.map(s -> s.length() > max ? s.substring(0, max) : s).orElse(null);
    }

    public Optional<Report> latest(String accountId, String deviceId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT r.report_id, r.device_id, r.received_at, r.status, r.body FROM reports r "
                        + "JOIN devices d ON d.latest_report = r.report_id AND r.device_id = d.id WHERE d.id = :d AND d.account_id = :a")
                .bind("d", deviceId).bind("a", accountId).map(Reports::report).findOne());
    }

    /** The device's reports, newest first: the history of its verdicts. */
    public List<Report> history(String accountId, String deviceId, int limit) {
        return jdbi.withHandle(h -> h.createQuery("SELECT report_id, device_id, received_at, status, body FROM reports "
                        + "WHERE device_id = :d AND account_id = :a ORDER BY received_at DESC LIMIT :n")
                .bind("d", deviceId).bind("a", accountId).bind("n", limit).map(Reports::report).list());
    }

    /** Deletes reports older than the retention, except each device's latest; returns how many went. */
    public int prune(Duration retention) {
        Instant cutoff = clock.instant().minus(retention);
        return jdbi.inTransaction(h -> {
            String notLatest = "NOT EXISTS (SELECT 1 FROM devices d WHERE d.id = r.device_id AND d.latest_report = r.report_id)";
            h.createUpdate("DELETE FROM report_practices WHERE EXISTS (SELECT 1 FROM reports r WHERE r.device_id = report_practices.device_id "
                    + "AND r.report_id = report_practices.report_id AND r.received_at < :t AND " + notLatest + ")").bind("t", cutoff).execute();
            h.createUpdate("DELETE FROM device_days WHERE report_day < :d")
                    .bind("d", java.time.LocalDate.ofInstant(cutoff, java.time.ZoneOffset.UTC)).execute();
            return h.createUpdate("DELETE FROM reports AS r WHERE r.received_at < :t AND " + notLatest).bind("t", cutoff).execute();
        });
    }

    private static Report report(java.sql.ResultSet rs, org.jdbi.v3.core.statement.StatementContext ctx) throws java.sql.SQLException {
        return new Report(rs.getString("report_id"), rs.getString("device_id"), rs.getTimestamp("received_at").toInstant(),
                Optional.ofNullable(rs.getString("status")), rs.getString("body"));
    }
}
