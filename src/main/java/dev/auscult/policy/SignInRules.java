package dev.auscult.policy;

import dev.auscult.posture.PracticeId;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * Auscult's policy extension {@code auscult: {signIn: {...}}}: what a practice's verdict does to a sign-in through
 * Auscult's device step (the server's OpenID Connect provider). Stethoscope ignores the block.
 *
 * <pre>
 * auscult:
 *   signIn:
 *     default: block        # every practice not listed
 *     notSeenHours: 24      # no report for longer: not compliant, "not seen"
 *     firewall: warn
 *     applications: report
 *     snoozesPerWeek: 1     # a blocked person may still go on this often (0, the default: never)
 *     hardwareKey: block    # a device whose key is not held in its TPM (software, or token only); default report
 * </pre>
 *
 * A FAIL blocks under {@code block}; a failure still within its grace period (graceDays) is a NUDGE with a due date
 * and only warns — so "block after N days" is {@code block} with {@code graceDays: N}. An UNKNOWN blocks under
 * {@code block} too: a sign-in gate never passes what it could not check.
 */
public record SignInRules(Mode otherwise, Map<PracticeId, Mode> modes, Duration notSeenAfter, int snoozesPerWeek, Mode hardwareKey) {

    public SignInRules(Mode otherwise, Map<PracticeId, Mode> modes, Duration notSeenAfter) {
        this(otherwise, modes, notSeenAfter, 0);
    }

    /** Rules that do not ask where the device key is held ({@code hardwareKey: report}). */
    public SignInRules(Mode otherwise, Map<PracticeId, Mode> modes, Duration notSeenAfter, int snoozesPerWeek) {
        this(otherwise, modes, notSeenAfter, snoozesPerWeek, Mode.REPORT);
    }

    /** What a verdict other than PASS does at sign-in. */
    public enum Mode {
        /** Recorded and shown in the console; sign-in goes on as if it passed. */
        REPORT,
        /** Sign-in goes on after the person has seen what to fix. */
        WARN,
        /** Sign-in stops until it is fixed. */
        BLOCK;

        public static Optional<Mode> parse(String text) {
            return switch (text) {
                case "report" -> Optional.of(REPORT);
                case "warn" -> Optional.of(WARN);
                case "block" -> Optional.of(BLOCK);
                default -> Optional.empty();
            };
        }

        public String key() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public static final Duration DEFAULT_NOT_SEEN = Duration.ofHours(24);
    public static final SignInRules DEFAULT = new SignInRules(Mode.BLOCK, Map.of(), DEFAULT_NOT_SEEN);
    /** The most snoozes a policy may give per week: one a day. */
    public static final int MAX_SNOOZES = 7;

    /** The longest a device may stay unseen and still sign in: a month. */
    public static final int MAX_NOT_SEEN_HOURS = 24 * 31;

    public SignInRules {
        modes = modes.isEmpty() ? Map.of() : Map.copyOf(new EnumMap<>(modes));
    }

    public Mode forPractice(PracticeId practice) {
        return modes.getOrDefault(practice, otherwise);
    }
}
