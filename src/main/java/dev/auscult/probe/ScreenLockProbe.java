package dev.auscult.probe;

import dev.auscult.posture.Observation;
import dev.auscult.posture.PracticeId;
import java.util.List;
import java.util.function.Function;

/** screenLock or screenIdle from a platform's lock reading (single-flight reads its sources once for both). */
public record ScreenLockProbe(PracticeId practice, List<String> sources, Function<Evidence, LockFinding> reading) implements PracticeProbe {

    public ScreenLockProbe {
        sources = List.copyOf(sources);
    }

    @Override
    public Observation observe(Evidence evidence) {
        return reading.apply(evidence).as(practice);
    }
}
