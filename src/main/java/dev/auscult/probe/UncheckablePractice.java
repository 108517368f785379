package dev.auscult.probe;

import dev.auscult.posture.Finding;
import dev.auscult.posture.Observation;
import dev.auscult.posture.PracticeId;
import java.util.List;

/** A practice the platform has but that no evidence an ordinary user can read decides: always UNKNOWN, with why. */
public record UncheckablePractice(PracticeId practice, Finding finding) implements PracticeProbe {

    @Override
    public List<String> sources() {
        return List.of();
    }

    @Override
    public Observation observe(Evidence evidence) {
        return Observation.unknown(practice, finding, List.of());
    }
}
