package dev.auscult.fix;

import dev.auscult.posture.PracticeId;
import dev.auscult.posture.PracticeResult;
import dev.auscult.posture.ScanReport;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Predicate;

/**
 * What a fix is planned from: the scan it answers (its evidence says which desktop and which tools were
 * read), the idle time the policy allows, and which programs this machine has.
 *
 * @param idleSeconds     the idle delay to set: the longest the policy allows (never more than 15 minutes)
 * @param installed       whether a program is installed in the system's own directories (a name or an absolute path)
 * @param helperInstalled Linux: whether Auscult's polkit helper is installed (by the package, owned by root)
 */
public record FixInputs(ScanReport report, long idleSeconds, Predicate<String> installed, boolean helperInstalled) {

    /** The idle delay set when the policy gives none: five minutes, a common benchmark value. */
    public static final long DEFAULT_IDLE_SECONDS = 300;

    public Optional<PracticeResult> result(PracticeId practice) {
        return report.practice(practice);
    }

    /** The idle seconds the scan measured, when it measured them. */
    public OptionalLong measuredIdle() {
        return result(PracticeId.SCREEN_IDLE).map(r -> r.observation().value()).orElse(OptionalLong.empty());
    }

    /** Whether the idle delay should be set too: the scan found none, or a longer one than the policy allows. */
    public boolean idleNeedsSetting() {
        OptionalLong measured = measuredIdle();
        return measured.isEmpty() || measured.getAsLong() <= 0 || measured.getAsLong() > idleSeconds;
    }

    /** "5 min", "2 min 30 s": how a delay is named in the fix's description. */
    public static Object duration(long seconds) {
        if (seconds % 60 == 0) {
            return dev.auscult.posture.Finding.of(dev.auscult.posture.CommonPhrase.MINUTES, seconds / 60);
        }
        if (seconds < 60) {
            return dev.auscult.posture.Finding.of(dev.auscult.posture.CommonPhrase.SECONDS, seconds);
        }
        return dev.auscult.posture.Finding.of(dev.auscult.posture.CommonPhrase.MINUTES_SECONDS, seconds / 60, seconds % 60);
    }
}
