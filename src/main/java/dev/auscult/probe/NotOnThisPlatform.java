package dev.auscult.probe;

import dev.auscult.posture.Finding;
import dev.auscult.posture.Observation;
import dev.auscult.posture.PracticeId;
import java.util.List;

/** A practice whose feature the platform does not have at all (Gatekeeper on Linux). */
public record NotOnThisPlatform(PracticeId practice, Finding finding) implements PracticeProbe {

    @Override
    public List<String> sources() {
        return List.of();
    }

    @Override
    public Observation observe(Evidence evidence) {
        return Observation.unsupported(practice, finding);
    }
}
