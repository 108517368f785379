package dev.auscult.policy;

import dev.auscult.posture.Deadline;
import dev.auscult.posture.PracticeId;
import dev.auscult.posture.PracticeResult;
import dev.auscult.posture.Verdict;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A policy's grace periods applied to evaluated results: a FAIL whose failure was first seen less than
 * the practice's grace ago is a NUDGE with its due date; once the date has passed it is a FAIL again, and
 * still says when it was due. Only failures get grace — an UNKNOWN stays unknown, a NUDGE stays a nudge.
 */
public final class GraceRule {

    private GraceRule() {
    }

    /** @param failingSince when each practice's current failure was first seen (kept across restarts by the app) */
    public static List<PracticeResult> apply(GracePeriods grace, List<PracticeResult> results, Map<PracticeId, Instant> failingSince,
                                             Instant now) {
        List<PracticeResult> out = new ArrayList<>(results.size());
        for (PracticeResult r : results) {
            OptionalInt days = grace.forPractice(r.practice());
            Instant since = failingSince.get(r.practice());
            if (r.verdict().equals(Optional.of(Verdict.FAIL)) && days.isPresent() && since != null) {
                Deadline due = new Deadline(since, since.plus(Duration.ofDays(days.getAsInt())));
                out.add(r.withDeadline(due.passed(now) ? Verdict.FAIL : Verdict.NUDGE, due));
            } else {
                out.add(r);
            }
        }
        return out;
    }
}
