package dev.auscult.app;

import dev.auscult.platform.Background;
import dev.auscult.policy.PolicyException;
import dev.auscult.posture.ScanReport;
import dev.auscult.report.ReportJson;
import dev.auscult.sync.BackendException;
import dev.auscult.sync.ReportUploader;
import dev.auscult.sync.SyncStateStore;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Reporting in the tray app: each scan of an activated device is queued in the outbox and uploaded in
 * the background (with back-off when the backend is away); the backend's policy is refreshed at start
 * and hourly. Problems are handed to the UI in plain words.
 */
public final class SyncLoop implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(SyncLoop.class.getName());
    static final Duration POLICY_EVERY = Duration.ofHours(1);

    private final AgentServices services;
    private final Consumer<Optional<SyncNotice>> onProblem;
    private final Runnable onPolicyChanged;
    private final ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor(Background.daemonThreads("auscult-sync"));
    private ScheduledFuture<?> pendingDrain;

    public SyncLoop(AgentServices services, Consumer<Optional<SyncNotice>> onProblem, Runnable onPolicyChanged) {
        this.services = services;
        this.onProblem = onProblem;
        this.onPolicyChanged = onPolicyChanged;
    }

    public void start() {
        worker.execute(() -> {
            try {
                services.outbox().cleanUp();
            } catch (IOException e) {
                LOG.log(Level.WARNING, "outbox clean-up: {0}", e.getMessage());
            }
        });
        worker.scheduleWithFixedDelay(this::refreshPolicy, 0, POLICY_EVERY.toSeconds(), TimeUnit.SECONDS);
        drainSoon(Duration.ZERO);
    }

    /** Queues a finished scan (activated devices only; and for JupiterOne when configured) and starts an upload. */
    /** Queues every new report the runtime produces (each once, when its scan is done). */
    public void follow(AgentRuntime runtime) {
        runtime.addListener(new java.util.function.Consumer<>() {
            private ScanReport last;

            @Override
            public void accept(AgentState state) {
                if (!state.scanning() && state.report().isPresent() && state.report().get() != last) {
                    last = state.report().get();
                    reportScanned(last);
                }
            }
        });
    }

    public void reportScanned(ScanReport report) {
        worker.execute(() -> {
            services.jupiterOne().ifPresent(j1 -> {
                try {
                    var a = services.syncState().activation();
                    j1.enqueue(report, services.deviceUuid(report.device()), a.map(dev.auscult.sync.ActivationRecord::email));
                } catch (IOException e) {
                    LOG.log(Level.WARNING, "JupiterOne report not queued: {0}", e.getMessage());
                }
            });
            try {
                if (services.syncState().activation().isEmpty()) {
                    return;
                }
                if (services.policySync().cached().isEmpty()) {
                    // just activated (wizard, CLI or MDM): take the organisation's policy without waiting an hour
                    refreshPolicy();
                }
                int dropped = services.outbox().add(new ReportJson().write(report));
                if (dropped > 0) {
                    SyncStateStore.SyncState s = services.syncState().state();
                    services.syncState().saveState(new SyncStateStore.SyncState(s.lastUploadAt(), s.lastError(),
                            s.droppedReports() + dropped, s.reactivationNeeded(), s.policyVersion()));
                }
            } catch (IOException e) {
                LOG.log(Level.WARNING, "a report could not be queued: {0}", e.getMessage());
                onProblem.accept(Optional.of(new SyncNotice.ReportNotSaved()));
            }
            drainSoon(Duration.ZERO);
        });
    }

    private synchronized void drainSoon(Duration delay) {
        if (pendingDrain != null && !pendingDrain.isDone()) {
            pendingDrain.cancel(false);
        }
        if (!worker.isShutdown()) {
            pendingDrain = worker.schedule(this::drain, delay.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void drain() {
        services.jupiterOne().ifPresent(j1 -> {
            try {
                j1.drain().ifPresent(status -> LOG.log(Level.INFO, "JupiterOne sync job: {0}", status));
            } catch (dev.auscult.sync.BackendException e) {
                LOG.log(Level.WARNING, "JupiterOne upload failed, will retry: {0}", e.getMessage());
                if (e.retryable()) {
                    drainSoon(e.retryAfter().orElse(Duration.ofMinutes(2)));
                }
            } catch (IOException | RuntimeException e) {
                LOG.log(Level.WARNING, "JupiterOne upload failed: {0}", e.toString());
            }
        });
        try {
            ReportUploader.Outcome o = services.uploader().drain();
            if (o.problem().isPresent() && o.problem().get().kind() == BackendException.Kind.UNAUTHORIZED) {
                onProblem.accept(Optional.of(new SyncNotice.DeviceNotAccepted()));
            } else if (o.problem().isPresent()) {
                // the transport's words go to the log (and the debug info), the person gets the fact in their language
                LOG.log(Level.INFO, "upload postponed: {0}", o.problem().get().getMessage());
                onProblem.accept(Optional.of(new SyncNotice.BackendUnreachable(services.syncState().state().lastUploadAt())));
            } else {
                onProblem.accept(Optional.empty());
            }
            o.retryIn().ifPresent(this::drainSoon);
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, "upload failed: {0}", e.toString());
            drainSoon(Duration.ofMinutes(5));
        }
    }

    private void refreshPolicy() {
        try {
            var before = services.policySync().cached().map(p -> p.version());
            var after = services.policySync().refresh().map(p -> p.version());
            if (!before.equals(after)) {
                onPolicyChanged.run();
            }
        } catch (PolicyException e) {
            LOG.log(Level.WARNING, "the backend''s policy is not usable; the previous one stays: {0}", e.getMessage());
            onProblem.accept(Optional.of(new SyncNotice.PolicyUnusable()));
        } catch (BackendException | IOException | RuntimeException e) {
            LOG.log(Level.INFO, "policy not refreshed: {0}", e.getMessage());
        }
    }

    @Override
    public void close() {
        worker.shutdownNow();
    }
}
