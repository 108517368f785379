package dev.auscult.probe;

import dev.auscult.posture.Observation;
import dev.auscult.posture.PracticeId;
import java.util.List;

/** Turns raw evidence into the state of one practice on one platform family. */
public interface PracticeProbe {

    PracticeId practice();

    /** The sources this probe reads first; the scanner starts them all in parallel before probing. */
    List<String> sources();

    Observation observe(Evidence evidence);
}
