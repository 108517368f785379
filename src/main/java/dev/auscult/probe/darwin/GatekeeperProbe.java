package dev.auscult.probe.darwin;

import dev.auscult.posture.Observation;
import dev.auscult.posture.PracticeId;
import dev.auscult.probe.Evidence;
import dev.auscult.probe.PracticeProbe;
import dev.auscult.probe.Reading;
import java.util.List;

/** Gatekeeper from {@code spctl --status}: "assessments enabled" or "assessments disabled". */
final class GatekeeperProbe implements PracticeProbe {

    private static final String SPCTL = "darwin.gatekeeper";
    private static final PracticeId ID = PracticeId.GATEKEEPER;

    @Override
    public PracticeId practice() {
        return ID;
    }

    @Override
    public List<String> sources() {
        return List.of(SPCTL);
    }

    @Override
    public Observation observe(Evidence evidence) {
        Reading r = evidence.read(SPCTL);
        if (!(r instanceof Reading.CommandOutput c)) {
            return Observation.unknown(ID, "Gatekeeper could not be checked: " + r.problem(), List.of(SPCTL));
        }
        String out = c.stdout() + c.stderr();
        if (out.contains("assessments enabled")) {
            return Observation.on(ID, "Gatekeeper checks apps before they open", List.of(SPCTL));
        }
        if (out.contains("assessments disabled")) {
            return Observation.off(ID, "Gatekeeper is turned off: apps open without being checked", List.of(SPCTL));
        }
        return Observation.unknown(ID, "spctl printed an unexpected answer: " + out.strip(), List.of(SPCTL));
    }
}
