package dev.auscult.probe.darwin;

import dev.auscult.posture.Finding;
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
            return Observation.unknown(ID, Finding.of(MacPhrase.GATEKEEPER_UNREADABLE, r.problem()), List.of(SPCTL));
        }
        String out = c.stdout() + c.stderr();
        if (out.contains("assessments enabled")) {
            return Observation.on(ID, Finding.of(MacPhrase.GATEKEEPER_ON), List.of(SPCTL));
        }
        if (out.contains("assessments disabled")) {
            return Observation.off(ID, Finding.of(MacPhrase.GATEKEEPER_OFF), List.of(SPCTL));
        }
        return Observation.unknown(ID, Finding.of(MacPhrase.SPCTL_UNEXPECTED, out.strip()), List.of(SPCTL));
    }
}
