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
 * @param requirements ALWAYS/SUGGESTED/IF_SUPPORTED/NEVER per on/off practice
 * @param osVersion    brackets by platform key or os-release ID, plus {@code all}
 * @param screenIdle   the allowed seconds before the screen locks, e.g. {@code <=120}
 * @param agentVersion {@code stethoscopeVersion}: the agent versions allowed
 */
public record Policy(
        String name,
        Map<PracticeId, RequirementOption> requirements,
        Map<String, OsVersionBracket> osVersion,
        Optional<VersionRange> screenIdle,
        Optional<VersionRange> agentVersion,
        List<ApplicationRequirement> applications,
        OptionalInt windowsMaxScreenLockTimeout) {

    public Policy {
        requirements = requirements.isEmpty() ? Map.of() : Map.copyOf(new EnumMap<>(requirements));
        osVersion = Map.copyOf(osVersion);
        applications = List.copyOf(applications);
    }

    /** Whether the policy says anything about the practice. */
    public boolean mentions(PracticeId id) {
        return switch (id) {
            case OS_VERSION -> !osVersion.isEmpty();
            case SCREEN_IDLE -> screenIdle.isPresent();
            case AGENT_VERSION -> agentVersion.isPresent();
            case APPLICATIONS -> !applications.isEmpty();
            default -> requirements.containsKey(id);
        };
    }
}
