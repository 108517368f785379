package dev.auscult.app;

import dev.auscult.fix.FixCatalog;
import dev.auscult.fix.FixInputs;
import dev.auscult.fix.FixPlan;
import dev.auscult.fix.FixRun;
import dev.auscult.fix.FixRunner;
import dev.auscult.fix.LinuxFixes;
import dev.auscult.policy.FixRules;
import dev.auscult.policy.PolicyException;
import dev.auscult.posture.FixRecord;
import dev.auscult.posture.PracticeId;
import dev.auscult.posture.PracticeResult;
import dev.auscult.posture.ScanReport;
import dev.auscult.posture.Verdict;
import dev.auscult.probe.ProcessRunner;
import dev.auscult.probe.TrustedPrograms;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

/**
 * One-click fixes: which are on offer for a scan (the OS's catalog, allowed by the policy's {@code auscult.fixes}
 * and the fleet's managed {@code fixes}), and making one — its programs run, then a fresh scan reads the practice
 * again, settles the fix record and (on an activated device) sends its report at once. Never without the person's
 * click: the scheduled scans and the local API never call {@link #fix}.
 */
public final class FixService {

    private static final System.Logger LOG = System.getLogger(FixService.class.getName());
    /** Long enough for a person to type a password into the OS's prompt. */
    static final Duration PROGRAM_TIMEOUT = Duration.ofMinutes(3);
    /** The re-check after a fix; a scan here takes well under a second (docs/performance.md). */
    static final Duration RECHECK_TIMEOUT = Duration.ofMinutes(1);

    /** Why no fix was made: none is offered for the practice here, or the agent has not scanned yet. */
    public static final class Unavailable extends Exception {
        public Unavailable(String message) {
            super(message);
        }
    }

    /** A fix made: how it went, and the re-check's report (which tells of it). */
    public record Done(FixRecord record, ScanReport report) {
    }

    private final AgentRuntime runtime;
    private final PolicySource policies;
    private final FixRules fleet;
    private final FixLog log;
    private final FixRunner runner;
    private final Predicate<String> installed;
    private final BooleanSupplier helperInstalled;
    private final Clock clock;
    private final String user;

    public FixService(AgentRuntime runtime, PolicySource policies, FixRules fleet, FixLog log, FixRunner runner,
                      Predicate<String> installed, BooleanSupplier helperInstalled, Clock clock, String user) {
        this.runtime = runtime;
        this.policies = policies;
        this.fleet = fleet;
        this.log = log;
        this.runner = runner;
        this.installed = installed;
        this.helperInstalled = helperInstalled;
        this.clock = clock;
        this.user = user;
    }

    /** The real machine: programs from the system's directories, the helper where the package put it. */
    public static FixService forThisMachine(AgentServices agent, AgentRuntime runtime, PolicySource policies) {
        TrustedPrograms programs = TrustedPrograms.forThisSystem();
        return new FixService(runtime, policies, agent.config().fixes(), agent.fixLog(),
                new FixRunner(new ProcessRunner(PROGRAM_TIMEOUT, 1 << 20, programs)),
                program -> programs.resolve(program).isPresent(), () -> helperInstalled(Path.of(LinuxFixes.HELPER)),
                Clock.systemUTC(), System.getProperty("user.name", "unknown"));
    }

    /** The helper counts only as the package installed it: root's, and writable by nobody else. */
    static boolean helperInstalled(Path helper) {
        try {
            if (!Files.isRegularFile(helper) || !Files.isExecutable(helper) || !"root".equals(Files.getOwner(helper).getName())) {
                return false;
            }
            var perms = Files.getPosixFilePermissions(helper);
            return !perms.contains(java.nio.file.attribute.PosixFilePermission.GROUP_WRITE)
                    && !perms.contains(java.nio.file.attribute.PosixFilePermission.OTHERS_WRITE);
        } catch (java.io.IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    /**
     * The fixes on offer for a scan: a practice that does not pass, that the policy and the fleet let fix, and for
     * which this OS has a safe fix on this device. Reads the policy and looks for programs: never on a UI thread.
     */
    public Map<PracticeId, FixPlan> offers(ScanReport report) {
        Map<PracticeId, FixPlan> out = new EnumMap<>(PracticeId.class);
        FixRules rules;
        long idle;
        try {
            var policy = policies.current().policy();
            rules = policy.fixes().and(fleet);
            idle = policy.idleSecondsToSet(FixInputs.DEFAULT_IDLE_SECONDS);
        } catch (PolicyException e) {
            return out; // no policy, no verdicts to fix
        }
        FixInputs inputs = new FixInputs(report, idle, installed, helperInstalled.getAsBoolean());
        FixCatalog catalog = FixCatalog.forPlatform(report.device().platform());
        for (PracticeResult r : report.practices()) {
            boolean failing = r.verdict().filter(v -> v != Verdict.PASS).isPresent() && !r.notApplicable();
            if (failing && rules.allows(r.practice())) {
                catalog.plan(r.practice(), inputs).ifPresent(plan -> out.put(r.practice(), plan));
            }
        }
        return out;
    }

    /** The fix on offer for one practice of the latest scan. */
    public Optional<FixPlan> offer(PracticeId practice) {
        return runtime.state().report().flatMap(r -> Optional.ofNullable(offers(r).get(practice)));
    }

    /**
     * Makes the fix the person clicked: runs its programs, re-checks, and returns the record (also kept in the fix
     * log and in the report just made). Blocks for as long as a password prompt stays open: call it off the UI thread.
     */
    public Done fix(PracticeId practice) throws Unavailable {
        ScanReport current = runtime.state().report().orElseThrow(() -> new Unavailable("the device has not been checked yet"));
        FixPlan plan = Optional.ofNullable(offers(current).get(practice))
                .orElseThrow(() -> new Unavailable("no fix is offered for " + practice.key() + " on this device"));
        PracticeResult before = current.practice(practice).orElseThrow();
        LOG.log(Level.INFO, "fix {0} for {1}: running {2}", plan.id(), practice.key(), String.join(" && ", plan.commands()));
        FixRun run = runner.run(plan);
        Instant ranAt = clock.instant();
        Optional<FixRecord.Outcome> decided = switch (run) {
            case FixRun.Failed f -> Optional.of(f.declined() ? FixRecord.Outcome.DECLINED : FixRecord.Outcome.FAILED);
            case FixRun.Ran r -> plan.opensOnly() ? Optional.of(FixRecord.Outcome.OPENED) : Optional.empty();
        };
        Optional<String> problem = run instanceof FixRun.Failed f ? Optional.of(f.command() + ": " + f.problem()) : Optional.empty();
        log.expect(new FixLog.Pending(practice, plan.id(), ranAt, user, FixRecord.Reading.of(before), decided, problem));
        ScanReport after;
        try {
            after = runtime.rescanAfter(ranAt, "fix of " + practice.key()).get(RECHECK_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new Unavailable("the fix ran, but the re-check did not finish: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unavailable("interrupted while re-checking");
        }
        FixRecord done = after.fixes().stream().filter(f -> f.practice() == practice && f.at().equals(ranAt)).reduce((a, b) -> b)
                .orElseThrow(() -> new Unavailable("the re-check did not record the fix"));
        LOG.log(Level.INFO, "fix {0} for {1}: {2}", plan.id(), practice.key(), done.outcome());
        return new Done(done, after);
    }
}
