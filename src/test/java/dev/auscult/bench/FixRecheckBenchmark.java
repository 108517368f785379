package dev.auscult.bench;

import dev.auscult.app.AgentRuntime;
import dev.auscult.app.FixLog;
import dev.auscult.app.FixService;
import dev.auscult.app.PolicySource;
import dev.auscult.app.ScanService;
import dev.auscult.fix.FixRunner;
import dev.auscult.policy.FixRules;
import dev.auscult.policy.PolicyLoader;
import dev.auscult.posture.FixRecord;
import dev.auscult.posture.PracticeId;
import dev.auscult.probe.ProcessRunner;
import dev.auscult.probe.SourceCatalog;
import dev.auscult.probe.TrustedPrograms;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * For bench/fix-recheck.sh: the time from "Fix now" to the re-check's verdict, in the tray app's own objects (the
 * window shows it on its next pulse): GNOME's screen lock is turned off with gsettings, the agent scans (FAIL), then
 * the fix runs and the fresh scan settles it — {@code RUNS} times; prints each time and the median and p95.
 * Needs a GNOME settings session (DBUS_SESSION_BUS_ADDRESS with dconf, XDG_CURRENT_DESKTOP=GNOME).
 *
 * <p>Usage: {@code java -cp … dev.auscult.bench.FixRecheckBenchmark RUNS STATE_DIR}
 */
public final class FixRecheckBenchmark {

    private FixRecheckBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int runs = Integer.parseInt(args[0]);
        Path state = Path.of(args[1]);
        Files.createDirectories(state);
        Clock clock = Clock.systemUTC();
        FixLog log = new FixLog(state.resolve("fixes.json"));
        ScanService scans = new ScanService(SourceCatalog.bundled(), "1.0.0", clock, java.util.Optional.empty(), java.util.Optional.of(log));
        PolicySource policy = PolicySource.bundled(new PolicyLoader());
        TrustedPrograms programs = TrustedPrograms.forThisSystem();
        try (AgentRuntime runtime = new AgentRuntime(scans, policy, Duration.ofDays(1), clock)) {
            FixService fixes = new FixService(runtime, policy, FixRules.ALL, log, new FixRunner(new ProcessRunner(Duration.ofMinutes(1), 1 << 20, programs)),
                    p -> programs.resolve(p).isPresent(), () -> false, clock, "bench");
            List<Double> millis = new ArrayList<>();
            for (int i = 0; i < runs + 3; i++) {
                new ProcessBuilder("gsettings", "set", "org.gnome.desktop.screensaver", "lock-enabled", "false").inheritIO().start().waitFor();
                runtime.rescan("bench").join();
                long t0 = System.nanoTime();
                FixRecord r = fixes.fix(PracticeId.SCREEN_LOCK).record();
                double ms = (System.nanoTime() - t0) / 1e6;
                if (r.outcome() != FixRecord.Outcome.FIXED) {
                    throw new IllegalStateException("run " + i + ": " + r);
                }
                if (i >= 3) { // the first runs warm the JIT and the source cache
                    millis.add(ms);
                }
                System.out.printf("run %d: %.0f ms%n", i, ms);
            }
            Collections.sort(millis);
            System.out.printf("click to verdict over %d runs: median %.0f ms, p95 %.0f ms, max %.0f ms%n", millis.size(),
                    millis.get(millis.size() / 2), millis.get((int) Math.ceil(millis.size() * 0.95) - 1), millis.getLast());
        }
    }
}
