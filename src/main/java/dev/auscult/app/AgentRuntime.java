package dev.auscult.app;

import dev.auscult.platform.Background;
import dev.auscult.policy.PolicyException;
import dev.auscult.posture.ScanReport;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The agent's heart: runs scans (never on the caller's thread), keeps the latest state, tells listeners,
 * and keeps the schedule — at start, every interval with ±10 % jitter (so a fleet does not scan in
 * lockstep), on demand, and after the machine wakes from sleep.
 */
public final class AgentRuntime implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(AgentRuntime.class.getName());
    /** How often the sleep detector looks at the clocks. */
    private static final Duration WAKE_TICK = Duration.ofSeconds(30);

    private final ScanService scans;
    private final PolicySource policies;
    private final Duration interval;
    private final Clock clock;
    private final List<Consumer<AgentState>> listeners = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(Background.daemonThreads("auscult-schedule"));
    private final Object lock = new Object();
    private AgentState state = AgentState.initial();
    private CompletableFuture<ScanReport> running;
    private ScheduledFuture<?> nextScheduled;

    public AgentRuntime(ScanService scans, PolicySource policies, Duration interval, Clock clock) {
        this.scans = scans;
        this.policies = policies;
        this.interval = interval;
        this.clock = clock;
    }

    /** Listeners are called on a background thread; UI code must hop to its own thread. */
    public void addListener(Consumer<AgentState> listener) {
        listeners.add(listener);
        listener.accept(state());
    }

    public AgentState state() {
        synchronized (lock) {
            return state;
        }
    }

    /** Scans now, then on the schedule; watches for wake-ups. */
    public void start() {
        rescan("start");
        long tick = WAKE_TICK.toMillis();
        long[] last = {clock.millis(), System.nanoTime()};
        timer.scheduleAtFixedRate(() -> {
            long wall = clock.millis();
            long mono = System.nanoTime();
            // The monotonic clock stops while the machine sleeps, the wall clock does not.
            long slept = (wall - last[0]) - (mono - last[1]) / 1_000_000;
            last[0] = wall;
            last[1] = mono;
            if (slept > 60_000) {
                LOG.log(Level.INFO, "woke from about {0} s of sleep; rescanning", slept / 1000);
                rescan("wake");
            }
        }, tick, tick, TimeUnit.MILLISECONDS);
    }

    /**
     * Starts a scan unless one is running, in which case the running one is shared. Completes with the
     * report, or exceptionally when no policy could be loaded.
     */
    public CompletableFuture<ScanReport> rescan(String trigger) {
        CompletableFuture<ScanReport> mine;
        synchronized (lock) {
            if (running != null) {
                return running;
            }
            mine = new CompletableFuture<>();
            running = mine;
            state = new AgentState(state.report(), true, state.problem());
        }
        publish();
        Background.run("auscult-scan", () -> runScan(trigger, mine));
        return mine;
    }

    /**
     * A scan that began at or after {@code notBefore} (a fix's programs have run by then): a scan already running
     * since earlier is waited for, then another one starts.
     */
    public CompletableFuture<ScanReport> rescanAfter(Instant notBefore, String trigger) {
        return rescan(trigger).thenCompose(r -> r.scannedAt().filter(t -> !t.isBefore(notBefore)).isPresent()
                ? CompletableFuture.completedFuture(r) : rescan(trigger));
    }

    private void runScan(String trigger, CompletableFuture<ScanReport> result) {
        Optional<ScanReport> report = Optional.empty();
        Optional<ScanProblem> problem = Optional.empty();
        try {
            PolicySource.Choice choice = policies.current();
            report = Optional.of(scans.scanThisMachine(choice.policy(), choice.ref()).report());
            LOG.log(Level.INFO, "scan ({0}) finished: {1} in {2} ms", trigger,
                    report.get().status().map(Enum::name).orElse("nothing evaluated"), report.get().durationMillis().orElse(0));
        } catch (PolicyException e) {
            problem = Optional.of(new ScanProblem.PolicyUnusable(e.getMessage()));
            LOG.log(Level.WARNING, "scan ({0}) skipped: invalid policy: {1}", trigger, e.getMessage());
        } catch (RuntimeException e) {
            problem = Optional.of(new ScanProblem.ScanFailed(String.valueOf(e.getMessage())));
            LOG.log(Level.ERROR, "scan (" + trigger + ") failed", e);
        }
        synchronized (lock) {
            state = new AgentState(report.or(state::report), false, problem);
            running = null;
            scheduleNext();
        }
        publish();
        if (report.isPresent()) {
            result.complete(report.get());
        } else {
            result.completeExceptionally(new IllegalStateException(problem.map(ScanProblem::detail).orElse("scan failed")));
        }
    }

    private void scheduleNext() {
        if (nextScheduled != null) {
            nextScheduled.cancel(false);
        }
        long base = interval.toMillis();
        long jitter = (long) (base * 0.1 * (ThreadLocalRandom.current().nextDouble() * 2 - 1));
        if (!timer.isShutdown()) {
            nextScheduled = timer.schedule(() -> rescan("schedule"), base + jitter, TimeUnit.MILLISECONDS);
        }
    }

    /** When the next scheduled scan is due, if one is scheduled. */
    public Optional<Instant> nextScanAt() {
        synchronized (lock) {
            return Optional.ofNullable(nextScheduled)
                    .map(f -> clock.instant().plusMillis(f.getDelay(TimeUnit.MILLISECONDS)));
        }
    }

    private void publish() {
        AgentState s = state();
        for (Consumer<AgentState> l : listeners) {
            try {
                l.accept(s);
            } catch (RuntimeException e) {
                LOG.log(Level.ERROR, "a state listener failed", e);
            }
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
