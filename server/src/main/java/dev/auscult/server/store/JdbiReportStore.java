package dev.auscult.server.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.StatementContext;

/** {@link ReportStore} in SQL. */
final class JdbiReportStore implements ReportStore {

    private static final String COLUMNS = "r.report_id, r.device_id, r.received_at, r.status, r.body";
    /** A report is written for a device of the account it is written in, or not at all. */
    private static final String ACCOUNTS_DEVICE = "EXISTS (SELECT 1 FROM devices WHERE id = :d AND account_id = :a)";

    private final Handle h;

    JdbiReportStore(Handle h) {
        this.h = h;
    }

    @Override
    public void insert(Account account, NewReport r, List<PracticeLine> practices) {
        int stored = h.createUpdate("INSERT INTO reports (report_id, device_id, account_id, received_at, scanned_at, status, body) "
                        + "SELECT :r, :d, :a, :now, :scanned, :status, :body WHERE " + ACCOUNTS_DEVICE)
                .bind("r", r.reportId()).bind("d", r.deviceId()).bind("a", account.id()).bind("now", r.receivedAt())
                .bind("scanned", Columns.cut(r.scannedAt(), 40)).bind("status", r.status().orElse(null)).bind("body", r.body()).execute();
        if (stored == 0) {
            throw new IllegalArgumentException("no device " + r.deviceId() + " in account " + account.id());
        }
        if (practices.isEmpty()) {
            return;
        }
        var batch = h.prepareBatch("INSERT INTO report_practices (report_id, device_id, practice, state, verdict) VALUES (:r, :d, :p, :s, :v)");
        for (PracticeLine p : practices) {
            batch.bind("r", r.reportId()).bind("d", r.deviceId()).bind("p", p.practice()).bind("s", p.state()).bind("v", p.verdict().orElse(null)).add();
        }
        batch.execute();
    }

    @Override
    public void dayStatus(Account account, String deviceId, LocalDate day, Optional<String> status, Instant at) {
        h.createUpdate("INSERT INTO device_days (device_id, report_day, account_id, status, at) SELECT :d, :day, :a, :status, :now WHERE "
                        + ACCOUNTS_DEVICE + " ON CONFLICT (device_id, report_day) DO UPDATE SET status = excluded.status, at = excluded.at "
                        + "WHERE device_days.account_id = excluded.account_id")
                .bind("d", deviceId).bind("day", day).bind("a", account.id()).bind("status", status.orElse(null)).bind("now", at).execute();
    }

    @Override
    public Optional<StoredReport> latest(Account account, String deviceId) {
        return h.createQuery("SELECT " + COLUMNS + " FROM reports r JOIN devices d ON d.latest_report = r.report_id AND r.device_id = d.id "
                        + "WHERE d.id = :d AND d.account_id = :a AND r.account_id = :a")
                .bind("d", deviceId).bind("a", account.id()).map(JdbiReportStore::report).findOne();
    }

    @Override
    public List<DeviceReport> latestOfActiveDevices(Account account) {
        return h.createQuery("SELECT " + DeviceColumns.columns("d") + ", " + COLUMNS.replace("r.device_id, ", "") + " FROM devices d "
                        + "JOIN reports r ON r.report_id = d.latest_report AND r.device_id = d.id "
                        + "WHERE d.account_id = :a AND d.revoked_at IS NULL ORDER BY d.id").bind("a", account.id())
                .map((rs, ctx) -> {
                    Device d = DeviceColumns.device(rs, ctx);
                    return new DeviceReport(d, new StoredReport(rs.getString("report_id"), d.id(), Columns.instant(rs, "received_at"),
                            Columns.text(rs, "status"), rs.getString("body")));
                }).list();
    }

    @Override
    public List<StoredReport> history(Account account, String deviceId, int limit) {
        return h.createQuery("SELECT " + COLUMNS + " FROM reports r WHERE r.device_id = :d AND r.account_id = :a ORDER BY r.received_at DESC LIMIT :n")
                .bind("d", deviceId).bind("a", account.id()).bind("n", limit).map(JdbiReportStore::report).list();
    }

    @Override
    public int pruneAcrossAccounts(Instant cutoff, LocalDate cutoffDay) {
        String notLatest = "NOT EXISTS (SELECT 1 FROM devices d WHERE d.id = r.device_id AND d.latest_report = r.report_id)";
        h.createUpdate("DELETE FROM report_practices WHERE EXISTS (SELECT 1 FROM reports r WHERE r.device_id = report_practices.device_id "
                + "AND r.report_id = report_practices.report_id AND r.received_at < :t AND " + notLatest + ")").bind("t", cutoff).execute();
        h.createUpdate("DELETE FROM device_days WHERE report_day < :d").bind("d", cutoffDay).execute();
        return h.createUpdate("DELETE FROM reports AS r WHERE r.received_at < :t AND " + notLatest).bind("t", cutoff).execute();
    }

    private static StoredReport report(ResultSet rs, StatementContext ctx) throws SQLException {
        return new StoredReport(rs.getString("report_id"), rs.getString("device_id"), Columns.instant(rs, "received_at"), Columns.text(rs, "status"),
                rs.getString("body"));
    }
}
