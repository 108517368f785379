package dev.auscult.policy;

import dev.auscult.posture.PracticeId;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A Stethoscope-format device policy, validated.
 *
 * @param requirements       ALWAYS/SUGGESTED/IF_SUPPORTED/NEVER per on/off practice
 * @param osVersion          brackets by platform key or os-release ID, plus {@code all}
 * @param screenIdle         the allowed seconds before the screen locks, e.g. {@code <=120}
 * @param agentVersion       {@code agentVersion}: the Auscult versions allowed
 * @param stethoscopeVersion {@code stethoscopeVersion}: Stethoscope releases allowed, checked against the
 *                           release Auscult stands in for ({@link StethoscopeCompatibility#RELEASE})
 * @param antivirusProviders the fork extension {@code antivirus: {providers: [...]}}: the products that count
 * @param warnings           what was ignored (unknown keys or forms), each located {@code file:line:column}
 * @param grace              Auscult's extension {@code auscult.graceDays}: days a new failure stays a NUDGE
 * @param signIn             Auscult's extension {@code auscult.signIn}: what each verdict does to a sign-in
 * @param fixes              Auscult's extension {@code auscult.fixes}: which practices may offer a one-click fix
 */
public record Policy(
        String name,
        Map<PracticeId, RequirementOption> requirements,
        Map<String, OsVersionBracket> osVersion,
        Optional<VersionRange> screenIdle,
        Optional<VersionRange> agentVersion,
        Optional<VersionRange> stethoscopeVersion,
        List<ApplicationRequirement> applications,
        List<ApplicationRequirement> antivirusProviders,
        OptionalInt windowsMaxScreenLockTimeout,
        List<String> warnings,
        GracePeriods grace,
        SignInRules signIn,
        FixRules fixes) {

    /** A policy that says nothing of fixes (every safe fix may be offered). */
    public Policy(String name, Map<PracticeId, RequirementOption> requirements, Map<String, OsVersionBracket> osVersion,
                  Optional<VersionRange> screenIdle, Optional<VersionRange> agentVersion, Optional<VersionRange> stethoscopeVersion,
                  List<ApplicationRequirement> applications, List<ApplicationRequirement> antivirusProviders,
                  OptionalInt windowsMaxScreenLockTimeout, List<String> warnings, GracePeriods grace, SignInRules signIn) {
        this(name, requirements, osVersion, screenIdle, agentVersion, stethoscopeVersion, applications, antivirusProviders,
                windowsMaxScreenLockTimeout, warnings, grace, signIn, FixRules.ALL);
    }

    /** A policy without sign-in rules of its own (they default to blocking what fails). */
    public Policy(String name, Map<PracticeId, RequirementOption> requirements, Map<String, OsVersionBracket> osVersion,
                  Optional<VersionRange> screenIdle, Optional<VersionRange> agentVersion, Optional<VersionRange> stethoscopeVersion,
                  List<ApplicationRequirement> applications, List<ApplicationRequirement> antivirusProviders,
                  OptionalInt windowsMaxScreenLockTimeout, List<String> warnings, GracePeriods grace) {
        this(name, requirements, osVersion, screenIdle, agentVersion, stethoscopeVersion, applications, antivirusProviders,
                windowsMaxScreenLockTimeout, warnings, grace, SignInRules.DEFAULT);
    }

    /** A policy without grace periods (Stethoscope's own form). */
    public Policy(String name, Map<PracticeId, RequirementOption> requirements, Map<String, OsVersionBracket> osVersion,
                  Optional<VersionRange> screenIdle, Optional<VersionRange> agentVersion, Optional<VersionRange> stethoscopeVersion,
                  List<ApplicationRequirement> applications, List<ApplicationRequirement> antivirusProviders,
                  OptionalInt windowsMaxScreenLockTimeout, List<String> warnings) {
        this(name, requirements, osVersion, screenIdle, agentVersion, stethoscopeVersion, applications, antivirusProviders,
                windowsMaxScreenLockTimeout, warnings, GracePeriods.NONE);
    }

    public Policy {
        requirements = requirements.isEmpty() ? Map.of() : Map.copyOf(new EnumMap<>(requirements));
        osVersion = Map.copyOf(osVersion);
        applications = List.copyOf(applications);
        antivirusProviders = List.copyOf(antivirusProviders);
        warnings = List.copyOf(warnings);
    }

    /** Idle delays a fix may set, longest first: the fix picks the longest the policy allows. */
    private static final long[] IDLE_CHOICES = {900, 600, 300, 240, 180, 120, 90, 60, 30, 15, 5};

    /**
     * The idle delay (seconds) a one-click fix sets: the longest of 15, 10, 5, 4, 3, 2 minutes (and shorter) that
     * {@code screenIdle} allows — and, on Windows, {@code windowsMaxScreenLockTimeout} — or {@code fallback} when
     * the policy gives no limit.
     */
    public long idleSecondsToSet(long fallback) {
        for (long s : IDLE_CHOICES) {
            boolean allowed = screenIdle.map(r -> r.satisfiedBy(org.semver4j.Semver.create((int) s, 0, 0))).orElse(s <= fallback);
            if (allowed && (windowsMaxScreenLockTimeout.isEmpty() || s <= windowsMaxScreenLockTimeout.getAsInt())) {
                return s;
            }
        }
        return IDLE_CHOICES[IDLE_CHOICES.length - 1];
    }

    /** Whether the policy says anything about the practice. */
    public boolean mentions(PracticeId id) {
        return switch (id) {
            case OS_VERSION -> !osVersion.isEmpty();
            case SCREEN_IDLE -> screenIdle.isPresent();
            case AGENT_VERSION -> agentVersion.isPresent() || stethoscopeVersion.isPresent();
            case APPLICATIONS -> !applications.isEmpty();
            case ANTIVIRUS -> requirements.containsKey(id) || !antivirusProviders.isEmpty();
            default -> requirements.containsKey(id);
        };
    }

    /** Whether judging this policy needs the list of installed software. */
    public boolean needsInventory() {
        return !applications.isEmpty() || !antivirusProviders.isEmpty();
    }
}
