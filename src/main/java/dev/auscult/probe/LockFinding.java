package dev.auscult.probe;

import dev.auscult.posture.Finding;
import dev.auscult.posture.Observation;
import dev.auscult.posture.PracticeId;
import dev.auscult.posture.State;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * Whether a device locks itself and after how many idle seconds: one reading answers both screenLock
 * (the state) and screenIdle (the state plus the seconds), on every platform.
 */
public record LockFinding(State state, OptionalLong lockAfterSeconds, Finding finding, List<String> evidence, Map<String, String> details) {

    public LockFinding {
        evidence = List.copyOf(evidence);
        details = Map.copyOf(details);
    }

    public Observation as(PracticeId practice) {
        Observation o = new Observation(practice, state, OptionalLong.empty(), finding, evidence, new TreeMap<>(details), true, false);
        return practice == PracticeId.SCREEN_IDLE && lockAfterSeconds.isPresent() ? o.withValue(lockAfterSeconds.getAsLong()) : o;
    }
}
