package dev.auscult.server.service;

import dev.auscult.report.ReportSummary;
import dev.auscult.server.store.Failures;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import dev.auscult.server.store.Account;
import dev.auscult.server.store.DeviceStore;
import dev.auscult.server.store.ReportStore;
import dev.auscult.server.store.StoredReport;
import dev.auscult.server.store.Tx;
import java.time.LocalDate;
import java.time.ZoneOffset;

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

    private final Tx tx;
    private final Clock clock;
    private final Deliveries deliveries;

    public Reports(Tx tx, Clock clock, Deliveries deliveries) {
        this.tx = tx;
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
        Account account = device.account();
        java.util.Set<String> seen = new java.util.HashSet<>();
        List<ReportStore.PracticeLine> lines = summary.practices().stream().filter(p -> seen.add(p.id()))
                .map(p -> new ReportStore.PracticeLine(p.id(), p.state(), p.verdict())).toList();
        java.util.Set<String> nowFailing = new java.util.HashSet<>();
        summary.practices().stream().filter(p -> p.verdict().filter(v -> v.equals("FAIL") || v.equals("UNKNOWN")).isPresent())
                .forEach(p -> nowFailing.add(p.id()));
        var d = summary.device();
        try {
            tx.use(s -> {
                s.reports().insert(account, new ReportStore.NewReport(deviceId, reportId, now, summary.scannedAt(), summary.status(), body), lines);
                // the day's last status of the device, for the trend (a later report the same day replaces it)
                s.reports().dayStatus(account, deviceId, LocalDate.ofInstant(now, ZoneOffset.UTC), summary.status(), now);
                // before the device's row moves on: the outbox compares this report with the previous one (same unit of work)
                deliveries.reported(account, deviceId, new Deliveries.Posture(summary.status().orElse("NONE"), nowFailing));
                s.devices().reported(account, deviceId, new DeviceStore.Reported(reportId, summary.status(), d.osName(), d.osVersion(), d.deviceName(),
                        summary.agentVersion(), now));
            });
            return new Stored(reportId, false);
        } catch (RuntimeException e) {
            if (!Failures.isDuplicate(e)) {
                throw e;
            }
            // the key is (device, report): only this device's own report can be the duplicate, whatever other devices sent
            tx.use(s -> s.devices().seen(account, deviceId, now));
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

    public Optional<StoredReport> latest(Account account, String deviceId) {
        return tx.read(s -> s.reports().latest(account, deviceId));
    }

    /** The device's reports, newest first: the history of its verdicts. */
    public List<StoredReport> history(Account account, String deviceId, int limit) {
        return tx.read(s -> s.reports().history(account, deviceId, limit));
    }

    /** Deletes reports older than the retention, except each device's latest, in every account; returns how many went. */
    public int prune(Duration retention) {
        Instant cutoff = clock.instant().minus(retention);
        return tx.run(s -> s.reports().pruneAcrossAccounts(cutoff, LocalDate.ofInstant(cutoff, ZoneOffset.UTC)));
    }
}
