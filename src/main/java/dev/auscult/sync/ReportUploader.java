package dev.auscult.sync;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Empties the outbox oldest first. A report is removed only after the backend stored it (or says it
 * already had it: uploads are idempotent by report id), so a crash at any point means at most one
 * duplicate, never a loss. Failures back off exponentially with jitter, honouring Retry-After.
 */
public final class ReportUploader {

    private static final System.Logger LOG = System.getLogger(ReportUploader.class.getName());
    static final Duration FIRST_RETRY = Duration.ofSeconds(5);
    static final Duration MAX_RETRY = Duration.ofMinutes(15);

    /** What a drain achieved and, if it stopped early, when to try again. */
    public record Outcome(int uploaded, Optional<Duration> retryIn, Optional<BackendException> problem) {
    }

    private final Outbox outbox;
    private final SyncStateStore state;
    private final CredentialStore credentials;
    private final Clock clock;
    private final Map<String, String> environment;
    private final Optional<SentPayloads> sent;
    private int failures;

    public ReportUploader(Outbox outbox, SyncStateStore state, CredentialStore credentials, Clock clock, Map<String, String> environment) {
        this(outbox, state, credentials, clock, environment, Optional.empty());
    }

    /** With {@code sent}, each acknowledged report is also kept as the last payload sent, for the user to read. */
    public ReportUploader(Outbox outbox, SyncStateStore state, CredentialStore credentials, Clock clock, Map<String, String> environment,
                          Optional<SentPayloads> sent) {
        this.sent = sent;
        this.outbox = outbox;
        this.state = state;
        this.credentials = credentials;
        this.clock = clock;
        this.environment = environment;
    }

    public synchronized Outcome drain() throws IOException {
        Optional<ActivationRecord> activation = state.activation();
        if (activation.isEmpty()) {
            return new Outcome(0, Optional.empty(), Optional.empty());
        }
        ActivationRecord a = activation.get();
        Optional<ApiToken> token = credentials.load(a.accountId());
        if (token.isEmpty()) {
            markReactivation("the device's token is missing from " + credentials.description());
            return new Outcome(0, Optional.empty(), Optional.of(new BackendException(BackendException.Kind.UNAUTHORIZED, "no token")));
        }
        BackendClient client = new BackendClient(a.backend(), Duration.ofSeconds(30), environment).signedBy(DeviceKey.load(state.deviceKeyFile()));
        // Another process (the CLI beside the tray app) may be draining: one at a time, across processes.
        try (Outbox.Lock lock = outbox.lock()) {
            if (lock == null) {
                return new Outcome(0, Optional.of(Duration.ofSeconds(30)), Optional.empty());
            }
            outbox.cleanUp();
            rotationAsked = false;
            Outcome o = drain(client, a, token);
            if (rotationAsked) {
                rotateKey(a, token.get());
            }
            return o;
        }
    }

    /** Set while draining when an answer carried the server's request for a new device key. */
    private boolean rotationAsked;

    /**
     * The server asked for a new device key: made and registered now, under the outbox lock (so the tray app and the
     * command line never rotate at once). A failure leaves the current key working; the next answer asks again.
     */
    private void rotateKey(ActivationRecord a, ApiToken token) {
        try {
            new KeyRotation(state, clock, environment).rotate(a, token);
        } catch (IOException | BackendException | RuntimeException e) {
            LOG.log(Level.WARNING, "the server asked for a new device key, which could not be registered yet: {0}", e.getMessage());
            try {
                recordError("the server asked for a new device key, which could not be registered yet: " + e.getMessage());
            } catch (IOException x) {
                LOG.log(Level.WARNING, "the sync state could not be written: {0}", x.getMessage());
            }
        }
    }

    private Outcome drain(BackendClient client, ActivationRecord a, Optional<ApiToken> token) throws IOException {
        int uploaded = 0;
        for (Outbox.Entry e : outbox.entries()) {
            Optional<String> report;
            try {
                report = outbox.read(e);
            } catch (IOException unreadable) {
                // One damaged file must not block every later report: move it aside and say so.
                LOG.log(Level.WARNING, "queued report {0} cannot be read and was set aside: {1}", e.reportId(), unreadable.getMessage());
                outbox.setAside(e);
                recordError("a queued report could not be read and was set aside (" + e.file().getFileName() + ")");
                continue;
            }
            if (report.isEmpty()) {
                continue; // uploaded meanwhile by another process
            }
            try {
                BackendClient.Answer answer = client.call("ReportScan", Map.of("input", Map.of("deviceId", a.deviceId(), "reportId", e.reportId(),
                        "report", report.get())), a.accountId(), token);
                rotationAsked |= answer.keyRotationAsked();
                JsonNode data = answer.data();
                // Deleting a report needs the backend to name it back: anything else is not an acknowledgement.
                if (!e.reportId().equals(data.path("reportScan").path("reportId").asText(null))) {
                    throw new BackendException(BackendException.Kind.PROTOCOL,
                            "the backend did not acknowledge report " + e.reportId() + " (no reportScan.reportId in its answer)");
                }
                outbox.remove(e);
                uploaded++;
                rememberSent(a, e.reportId(), report.get());
                failures = 0;
                SyncStateStore.SyncState s = state.state();
                state.saveState(new SyncStateStore.SyncState(Optional.of(clock.instant()), Optional.empty(), s.droppedReports(), false,
                        s.policyVersion()));
            } catch (BackendException ex) {
                if (ex.kind() == BackendException.Kind.UNAUTHORIZED) {
                    markReactivation(ex.getMessage());
                    return new Outcome(uploaded, Optional.empty(), Optional.of(ex));
                }
                if (!ex.retryable()) {
                    LOG.log(Level.WARNING, "report {0} refused by the backend and set aside: {1}", e.reportId(), ex.getMessage());
                    outbox.setAside(e);
                    recordError("a report was refused by the backend and set aside: " + ex.getMessage());
                    continue;
                }
                failures++;
                recordError(ex.getMessage());
                return new Outcome(uploaded, Optional.of(backoff(ex.retryAfter())), Optional.of(ex));
            }
        }
        return new Outcome(uploaded, Optional.empty(), Optional.empty());
    }

    /**
     * 5 s, 10 s, 20 s … up to 15 min, ±20 % jitter; never sooner than Retry-After (which the client caps at an
     * hour). The failure count lives as long as this uploader, so the tray app keeps one.
     */
    Duration backoff(Optional<Duration> retryAfter) {
        long base = FIRST_RETRY.toMillis() << Math.min(failures - 1, 10);
        long capped = Math.min(base, MAX_RETRY.toMillis());
        long jittered = (long) (capped * (0.8 + 0.4 * ThreadLocalRandom.current().nextDouble()));
        return Duration.ofMillis(Math.max(jittered, retryAfter.map(Duration::toMillis).orElse(0L)));
    }

    /** Keeping the copy is a courtesy to the user: failing to write it must not undo a delivered upload. */
    private void rememberSent(ActivationRecord a, String reportId, String report) {
        if (sent.isEmpty()) {
            return;
        }
        try {
            sent.get().record(SentPayloads.Destination.BACKEND, a.backend(), SentPayloads.backendPayload(a.deviceId(), reportId, report));
        } catch (IOException | RuntimeException ex) {
            LOG.log(Level.WARNING, "the copy of the last report sent could not be kept: {0}", ex.getMessage());
        }
    }

    private void markReactivation(String why) throws IOException {
        SyncStateStore.SyncState s = state.state();
        state.saveState(new SyncStateStore.SyncState(s.lastUploadAt(), Optional.of("re-activation needed: " + why), s.droppedReports(), true,
                s.policyVersion()));
    }

    private void recordError(String why) throws IOException {
        SyncStateStore.SyncState s = state.state();
        state.saveState(new SyncStateStore.SyncState(s.lastUploadAt(), Optional.of(why), s.droppedReports(), s.reactivationNeeded(), s.policyVersion()));
    }
}
