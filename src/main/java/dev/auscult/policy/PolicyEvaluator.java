package dev.auscult.policy;

import dev.auscult.posture.CommonPhrase;
import dev.auscult.posture.DeviceFacts;
import dev.auscult.posture.Finding;
import dev.auscult.posture.Inventory;
import dev.auscult.posture.Observation;
import dev.auscult.posture.OsPlatform;
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
                case ANTIVIRUS -> policy.antivirusProviders().isEmpty() ? requirement(policy, o)
                        : new AntivirusProviders(device).evaluate(policy.antivirusProviders(), o, inventory);
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
        return new PracticeResult(o, Optional.empty(), Optional.empty(), o.finding(), List.of());
    }

    private static PracticeResult result(Observation o, Verdict v, String requirement, Finding reason) {
        return new PracticeResult(o, Optional.of(v), Optional.of(requirement), reason, List.of());
    }

    private PracticeResult requirement(Policy policy, Observation o) {
        RequirementOption req = policy.requirements().get(o.practice());
        if (req == null) {
            return notEvaluated(o);
        }
        Optional<Verdict> v = RequirementTable.verdict(req, o.state(), o.supported(), o.partial());
        if (v.isEmpty()) {
            return new PracticeResult(o, Optional.empty(), Optional.of(req.name()), o.finding(), List.of());
        }
        return result(o, v.get(), req.name(), o.finding());
    }

    private PracticeResult osVersion(Policy policy, DeviceFacts device, Observation o) {
        if (!policy.mentions(PracticeId.OS_VERSION)) {
            return notEvaluated(o);
        }
        UbuntuReleases.Base base = UbuntuReleases.of(device);
        Optional<String> key = bracketKey(policy, device, base);
        if (key.isEmpty()) {
            return new PracticeResult(o, Optional.empty(), Optional.empty(), Finding.of(PolicyPhrase.NO_BRACKET_APPLIES, o.finding(), noBracketReason(policy, device)), List.of());
        }
        OsVersionBracket bracket = policy.osVersion().get(key.get());
        String requirement = key.get() + ": " + bracket.describe();
        if (o.state() == State.UNKNOWN || device.osVersion().isEmpty()) {
            return result(o, Verdict.UNKNOWN, requirement, o.finding());
        }
        boolean ubuntuNumbered = key.get().equals("linux") || key.get().equals("ubuntu");
        if (ubuntuNumbered && base instanceof UbuntuReleases.Base.Derivative d) {
            return derivative(o, bracket, requirement, d, device);
        }
        Optional<Semver> version = VersionRange.version(device.osVersion().get());
        if (version.isEmpty()) {
            return result(o, Verdict.UNKNOWN, requirement, Finding.of(PolicyPhrase.OS_VERSION_NOT_A_NUMBER, device.osVersion().get()));
        }
        return judged(o, bracket, requirement, judge(bracket, version.get()), o.finding());
    }

    private static Verdict judge(OsVersionBracket bracket, Semver version) {
        if (bracket.ok().satisfiedBy(version)) {
            return Verdict.PASS;
        }
        return bracket.nudge().map(n -> n.satisfiedBy(version)).orElse(false) ? Verdict.NUDGE : Verdict.FAIL;
    }

    private static PracticeResult judged(Observation o, OsVersionBracket bracket, String requirement, Verdict v, Finding found) {
        return switch (v) {
            case PASS -> result(o, v, requirement, Finding.of(PolicyPhrase.VERSION_WITHIN, found, bracket.ok().text()));
            case NUDGE -> result(o, v, requirement, Finding.of(PolicyPhrase.VERSION_ALLOWED_NOT_RECOMMENDED, found, bracket.ok().text()));
            default -> result(o, Verdict.FAIL, requirement, Finding.of(PolicyPhrase.VERSION_TOO_OLD, found, bracket.ok().text()));
        };
    }

    /**
     * A derivative names only its Ubuntu base release, not the point release: judge it when every point
     * release of that base gets the same verdict, and say UNKNOWN (never guess a pass) when they differ.
     */
    private static PracticeResult derivative(Observation o, OsVersionBracket bracket, String requirement,
                                             UbuntuReleases.Base.Derivative d, DeviceFacts device) {
        Finding found = Finding.of(PolicyPhrase.BUILT_ON_UBUNTU, o.finding(), d.release(), d.codename());
        Verdict first = judge(bracket, VersionRange.version(d.release() + ".0").orElseThrow());
        Verdict last = judge(bracket, VersionRange.version(d.release() + ".999").orElseThrow());
        if (first == last) {
            return judged(o, bracket, requirement, first, found);
        }
        return result(o, Verdict.UNKNOWN, requirement, Finding.of(PolicyPhrase.UBUNTU_POINT_RELEASE_UNKNOWN, found,
                device.osId().<Object>map(id -> id).orElseGet(() -> Finding.of(PolicyPhrase.THIS_DISTRIBUTION)), device.osId().orElse("<ID>")));
    }

    private static Finding noBracketReason(Policy policy, DeviceFacts device) {
        if (device.platform() == OsPlatform.LINUX && policy.osVersion().containsKey("linux")) {
            String id = device.osId().orElse("<os-release ID>");
            return Finding.of(PolicyPhrase.LINUX_BRACKET_UBUNTU_ONLY, device.osName().orElse(id), id,
                    device.osVersion().map(v -> v.replaceFirst("\\..*", "")).orElse("1"));
        }
        return device.osId().map(id -> Finding.of(PolicyPhrase.NO_BRACKET_FOR_ID, device.platform().displayName(), id))
                .orElseGet(() -> Finding.of(PolicyPhrase.NO_BRACKET, device.platform().displayName()));
    }

    /**
     * The bracket for this device: its own os-release ID; then, for Ubuntu and distributions built on it,
     * {@code ubuntu} and {@code linux} (Stethoscope's Ubuntu-numbered key); for macOS and Windows their platform
     * key; then {@code all}. Other Linux distributions are never judged by the {@code linux} bracket.
     */
    static Optional<String> bracketKey(Policy policy, DeviceFacts device) {
        return bracketKey(policy, device, UbuntuReleases.of(device));
    }

    private static Optional<String> bracketKey(Policy policy, DeviceFacts device, UbuntuReleases.Base base) {
        List<String> candidates = new ArrayList<>();
        if (device.platform() == OsPlatform.LINUX) {
            device.osId().ifPresent(candidates::add);
            if (!(base instanceof UbuntuReleases.Base.NotUbuntu)) {
                candidates.add("ubuntu");
                candidates.add("linux");
            }
        } else {
            candidates.add(device.platform().key());
        }
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
            return result(o, Verdict.FAIL, requirement, o.finding());
        }
        return switch (o.state()) {
            case UNKNOWN -> result(o, Verdict.UNKNOWN, requirement, o.finding());
            case OFF -> result(o, Verdict.FAIL, requirement, Finding.of(PolicyPhrase.LOCK_REQUIRED_WITHIN, o.finding(), idleLimit(range)));
            case ON -> {
                if (o.value().isEmpty()) {
                    yield result(o, Verdict.UNKNOWN, requirement, Finding.of(PolicyPhrase.IDLE_NOT_MEASURED, o.finding()));
                }
                long seconds = o.value().getAsLong();
                boolean ok = range.satisfiedBy(Semver.create((int) Math.min(seconds, Integer.MAX_VALUE), 0, 0));
                yield result(o, ok ? Verdict.PASS : Verdict.FAIL, requirement,
                        ok ? o.finding() : Finding.of(PolicyPhrase.IDLE_ALLOWED, o.finding(), idleLimit(range)));
            }
        };
    }

    /** "<=905" → "at most 15 min, plus a 5 s grace": the number the way the user set it. */
    static Finding idleLimit(VersionRange range) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("^\\s*<=\\s*(\\d{1,9})\\s*$").matcher(range.text());
        if (!m.matches()) {
            return Finding.of(PolicyPhrase.IDLE_RANGE, range.text());
        }
        long s = Long.parseLong(m.group(1));
        long grace = s % 60;
        if (s >= 60 && grace > 0 && grace <= 5) {
            return Finding.of(PolicyPhrase.IDLE_AT_MOST_WITH_GRACE, s / 60, grace);
        }
        return Finding.of(PolicyPhrase.IDLE_AT_MOST, s % 60 == 0 && s >= 60 ? Finding.of(CommonPhrase.MINUTES, s / 60) : Finding.of(CommonPhrase.SECONDS, s));
    }

    /**
     * On Windows Stethoscope also failed screenLock when the lock comes later than windowsMaxScreenLockTimeout
     * (600 s by default). Applied only when the idle time was measured.
     */
    private PracticeResult screenLock(Policy policy, DeviceFacts device, Observation o, List<Observation> all) {
        PracticeResult base = requirement(policy, o);
        if (device.platform() != OsPlatform.WIN32 || base.verdict().orElse(null) != Verdict.PASS || o.state() != State.ON) {
            return base;
        }
        int max = policy.windowsMaxScreenLockTimeout().orElse(DEFAULT_WINDOWS_MAX_LOCK_SECONDS);
        return all.stream().filter(x -> x.practice() == PracticeId.SCREEN_IDLE && x.value().isPresent())
                .findFirst()
                .filter(idle -> idle.value().getAsLong() > max)
                .map(idle -> result(o, Verdict.FAIL, base.requirement().orElse("") + ", at most " + max + " s",
                        Finding.of(PolicyPhrase.WINDOWS_LOCK_TOO_LATE, idle.value().getAsLong(), max)))
                .orElse(base);
    }

    /**
     * {@code agentVersion} is Auscult's own version; {@code stethoscopeVersion} speaks of Stethoscope releases
     * and is checked against the one Auscult stands in for. With both, the worse verdict counts.
     */
    private PracticeResult agentVersion(Policy policy, Observation o) {
        if (!policy.mentions(PracticeId.AGENT_VERSION)) {
            return notEvaluated(o);
        }
        List<String> requirements = new ArrayList<>();
        List<Finding> reasons = new ArrayList<>();
        Verdict verdict = Verdict.PASS;
        if (policy.agentVersion().isPresent()) {
            VersionRange range = policy.agentVersion().get();
            requirements.add("Auscult " + range.text());
            Optional<Semver> v = VersionRange.version(agentVersion);
            if (v.isEmpty()) {
                verdict = verdict.worse(Verdict.UNKNOWN);
                reasons.add(Finding.of(PolicyPhrase.AGENT_VERSION_NOT_A_NUMBER, agentVersion));
            } else {
                boolean ok = range.satisfiedBy(v.get());
                verdict = verdict.worse(ok ? Verdict.PASS : Verdict.FAIL);
                reasons.add(Finding.of(ok ? PolicyPhrase.AGENT_MEETS : PolicyPhrase.AGENT_DOES_NOT_MEET, agentVersion, range.text()));
            }
        }
        if (policy.stethoscopeVersion().isPresent()) {
            VersionRange range = policy.stethoscopeVersion().get();
            requirements.add("Stethoscope " + range.text());
            boolean ok = range.satisfiedBy(VersionRange.version(StethoscopeCompatibility.RELEASE).orElseThrow());
            verdict = verdict.worse(ok ? Verdict.PASS : Verdict.FAIL);
            reasons.add(Finding.of(ok ? PolicyPhrase.STETHOSCOPE_MEETS : PolicyPhrase.STETHOSCOPE_DOES_NOT_MEET, agentVersion,
                    StethoscopeCompatibility.RELEASE, range.text()));
        }
        return result(o, verdict, String.join(", ", requirements), (Finding) Finding.chain(CommonPhrase.SEPARATED, reasons));
    }
}
