package dev.auscult.server.store;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/** The {@code reports}, {@code report_practices} and {@code device_days} tables. */
public interface ReportStore {

    record NewReport(String deviceId, String reportId, Instant receivedAt, Optional<String> scannedAt, Optional<String> status, String body) {
    }

    /** One practice's line of a report, as the fleet view counts them. */
    record PracticeLine(String practice, String state, Optional<String> verdict) {
    }

    /**
     * Fails with a duplicate-key error ({@link Failures#isDuplicate}) when the device sent this report before, and with
     * an {@link IllegalArgumentException} when the device is not the account's.
     */
    void insert(Account account, NewReport report, List<PracticeLine> practices);

    /**
     * The device's status at the end of {@code day} (UTC), for the trend: a later report the same day replaces it. Nothing
     * for a device that is not the account's.
     */
    void dayStatus(Account account, String deviceId, LocalDate day, Optional<String> status, Instant at);

    /** An active device and its latest report. */
    record DeviceReport(Device device, StoredReport report) {
    }

    /** Every active device of the account that has reported, with its latest report, by device id. */
    List<DeviceReport> latestOfActiveDevices(Account account);

    /** The device's latest report, as its row names it. */
    Optional<StoredReport> latest(Account account, String deviceId);

    /** The device's reports, newest first. */
    List<StoredReport> history(Account account, String deviceId, int limit);

    /**
     * Maintenance across all accounts: reports received before {@code cutoff} go, except each device's latest, and
     * trend days before {@code cutoffDay}; returns how many reports went.
     */
    int pruneAcrossAccounts(Instant cutoff, LocalDate cutoffDay);
}
