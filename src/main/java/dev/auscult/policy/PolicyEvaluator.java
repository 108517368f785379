package dev.auscult.policy;

import dev.auscult.posture.DeviceFacts;
import dev.auscult.posture.Inventory;
import dev.auscult.posture.Observation;
import dev.auscult.posture.Platform;
import dev.auscult.posture.PracticeId;
import dev.auscult.posture.PracticeResult;
import dev.auscult.posture.State;
import dev.auscult.posture.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.semver4j.Semver;

/**
 * Applies a policy to what a scan observed. The rules are in docs/policy-semantics.md; the one that
 * matters most: evidence that is missing gives UNKNOWN, never PASS.
 */
public final class PolicyEvaluator {

    /** Stethoscope's default for windowsMaxScreenLockTimeout, in seconds. */
    static final int DEFAULT_WINDOWS_MAX_LOCK_SECONDS = 600;

    private final String agentVersion;

    public PolicyEvaluator(String agentVersion) {
        this.agentVersion = agentVersion;
    }

    public List<PracticeResult> evaluate(Policy policy, DeviceFacts device, List<Observation> observations,
                                         Optional<Inventory> inventory) {
        List<PracticeResult> results = new ArrayList<>();
        for (Observation o : observations) {
            results.add(switch (o.practice()) {
                case OS_VERSION -> osVersion(policy, device, o);
                case SCREEN_IDLE -> screenIdle(policy, o);
                case AGENT_VERSION -> agentVersion(policy, o);
                case SCREEN_LOCK -> screenLock(policy, device, o, observations);
                default -> requirement(policy, o);
            });
        }
        if (policy.mentions(PracticeId.APPLICATIONS)) {
            results.add(new ApplicationsEvaluator(device).evaluate(policy.applications(), inventory));
        }
        return results;
    }

    /** Worst verdict of all evaluated practices; empty when the policy evaluated nothing. */
    public static Optional<Verdict> overall(List<PracticeResult> results) {
        List<Verdict> verdicts = results.stream().flatMap(r -> r.verdict().stream()).toList();
        return verdicts.isEmpty() ? Optional.empty() : Optional.of(Verdict.worstOf(verdicts));
    }

    private static PracticeResult notEvaluated(Observation o) {
        return new PracticeResult(o, Optional.empty(), Optional.empty(), o.reason(), List.of());
    }

    private static PracticeResult result(Observation o, Verdict v, String requirement, String reason) {
        return new PracticeResult(o, Optional.of(v), Optional.of(requirement), reason, List.of());
    }

    private PracticeResult requirement(Policy policy, Observation o) {
        RequirementOption req = policy.requirements().get(o.practice());
        if (req == null) {
            return notEvaluated(o);
        }
        return result(o, RequirementTable.verdict(req, o.state(), o.supported(), o.partial()), req.name(), o.reason());
    }

    private PracticeResult osVersion(Policy policy, DeviceFacts device, Observation o) {
        if (!policy.mentions(PracticeId.OS_VERSION)) {
            return notEvaluated(o);
        }
        Optional<String> key = bracketKey(policy, device);
        if (key.isEmpty()) {
            return new PracticeResult(o, Optional.empty(), Optional.empty(), o.reason() + "; the policy sets no OS version for "
                    + device.platform().displayName() + device.osId().map(id -> " (" + id + ")").orElse(""), List.of());
        }
        OsVersionBracket bracket = policy.osVersion().get(key.get());
        String requirement = key.get() + ": " + bracket.describe();
        if (o.state() == State.UNKNOWN || device.osVersion().isEmpty()) {
            return result(o, Verdict.UNKNOWN, requirement, o.reason());
        }
        Optional<Semver> version = VersionRange.version(device.osVersion().get());
        if (version.isEmpty()) {
            return result(o, Verdict.UNKNOWN, requirement, "the OS version '" + device.osVersion().get() + "' is not a version number");
        }
        if (bracket.ok().satisfiedBy(version.get())) {
            return result(o, Verdict.PASS, requirement, o.reason() + " is within " + bracket.ok().text());
        }
        if (bracket.nudge().map(n -> n.satisfiedBy(version.get())).orElse(false)) {
            return result(o, Verdict.NUDGE, requirement, o.reason() + " is still allowed, but " + bracket.ok().text() + " is recommended");
        }
        return result(o, Verdict.FAIL, requirement, o.reason() + " is too old or not allowed: " + bracket.ok().text() + " is required");
    }

    /** The bracket for this device: the os-release ID on Linux, then the platform, then {@code all}. */
    static Optional<String> bracketKey(Policy policy, DeviceFacts device) {
        List<String> candidates = new ArrayList<>();
        if (device.platform() == Platform.LINUX) {
            device.osId().ifPresent(candidates::add);
        }
        candidates.add(device.platform().key());
        candidates.add("all");
        return candidates.stream().filter(policy.osVersion()::containsKey).findFirst();
    }

    private PracticeResult screenIdle(Policy policy, Observation o) {
        if (policy.screenIdle().isEmpty()) {
            return notEvaluated(o);
        }
        VersionRange range = policy.screenIdle().get();
        String requirement = range.text();
        if (!o.supported()) {
            return result(o, Verdict.FAIL, requirement, o.reason());
        }
        return switch (o.state()) {
            case UNKNOWN -> result(o, Verdict.UNKNOWN, requirement, o.reason());
            case OFF -> result(o, Verdict.FAIL, requirement, o.reason() + "; the policy requires locking within " + range.text() + " s");
            case ON -> {
                if (o.value().isEmpty()) {
                    yield result(o, Verdict.UNKNOWN, requirement, o.reason() + ", but the idle time could not be measured");
                }
                long seconds = o.value().getAsLong();
                boolean ok = range.satisfiedBy(Semver.create((int) Math.min(seconds, Integer.MAX_VALUE), 0, 0));
                yield result(o, ok ? Verdict.PASS : Verdict.FAIL, requirement,
                        o.reason() + (ok ? "" : "; the policy requires " + range.text() + " s"));
            }
        };
    }

    /**
     * On Windows Stethoscope also failed screenLock when the lock comes later than windowsMaxScreenLockTimeout
     * (600 s by default). Applied only when the idle time was measured.
     */
    private PracticeResult screenLock(Policy policy, DeviceFacts device, Observation o, List<Observation> all) {
        PracticeResult base = requirement(policy, o);
        if (device.platform() != Platform.WIN32 || base.verdict().orElse(null) != Verdict.PASS || o.state() != State.ON) {
            return base;
        }
        int max = policy.windowsMaxScreenLockTimeout().orElse(DEFAULT_WINDOWS_MAX_LOCK_SECONDS);
        return all.stream().filter(x -> x.practice() == PracticeId.SCREEN_IDLE && x.value().isPresent())
                .findFirst()
                .filter(idle -> idle.value().getAsLong() > max)
                .map(idle -> result(o, Verdict.FAIL, base.requirement().orElse("") + ", at most " + max + " s",
                        "the screen locks only after " + idle.value().getAsLong() + " s; the policy allows at most " + max + " s"))
                .orElse(base);
    }

    private PracticeResult agentVersion(Policy policy, Observation o) {
        if (policy.agentVersion().isEmpty()) {
            return notEvaluated(o);
        }
        VersionRange range = policy.agentVersion().get();
        Optional<Semver> v = VersionRange.version(agentVersion);
        if (v.isEmpty()) {
            return result(o, Verdict.UNKNOWN, range.text(), "the agent version '" + agentVersion + "' is not a version number");
        }
        boolean ok = range.satisfiedBy(v.get());
        return result(o, ok ? Verdict.PASS : Verdict.FAIL, range.text(),
                "Auscult " + agentVersion + (ok ? " meets " : " does not meet ") + range.text());
    }
}
