package dev.auscult.posture;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One click on Fix, as it went: which practice and fix, when, by which OS user, what the check read before and
 * after, and whether it took. Kept by the agent and sent with its reports (the device page and the evidence
 * export list them), so a fixed setting has a trail like any other change.
 *
 * @param fix     the fix's stable name ({@code linux.gnome-screen-lock})
 * @param problem why the fix's programs did not run to the end, when they did not
 */
public record FixRecord(PracticeId practice, String fix, Instant at, String user, Reading before, Optional<Reading> after,
                        Outcome outcome, Optional<String> problem) {

    /** What the check read: its verdict and reason, as in the report. */
    public record Reading(Optional<Verdict> verdict, String reason) {
        public Reading {
            Objects.requireNonNull(reason, "reason");
        }

        public static Reading of(PracticeResult r) {
            return new Reading(r.verdict(), r.reason());
        }
    }

    public enum Outcome {
        /** The re-check passes now. */
        FIXED,
        /** The programs ran, but the re-check still does not pass: the reading after says why. */
        NOT_FIXED,
        /** The OS's updater (or settings) was opened; nothing changes until the person acts there. */
        OPENED,
        /** The person cancelled the OS's password prompt. */
        DECLINED,
        /** A program did not run or failed. */
        FAILED
    }

    public FixRecord {
        Objects.requireNonNull(practice, "practice");
        Objects.requireNonNull(fix, "fix");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(before, "before");
        Objects.requireNonNull(outcome, "outcome");
    }
}
