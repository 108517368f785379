package dev.auscult.probe.darwin;

import dev.auscult.posture.Observation;
import dev.auscult.posture.PracticeId;
import dev.auscult.probe.Evidence;
import dev.auscult.probe.PracticeProbe;
import java.util.List;
import java.util.OptionalLong;
import java.util.TreeMap;

/** screenLock and screenIdle on macOS, from one reading of the lock settings. */
final class MacScreenLockProbe implements PracticeProbe {

    private final PracticeId practice;

    MacScreenLockProbe(PracticeId practice) {
        this.practice = practice;
    }

    @Override
    public PracticeId practice() {
        return practice;
    }

    @Override
    public List<String> sources() {
        return MacScreenLock.SOURCES;
    }

    @Override
    public Observation observe(Evidence evidence) {
        MacScreenLock.Finding f = MacScreenLock.read(evidence);
        Observation o = new Observation(practice, f.state(), OptionalLong.empty(), f.reason(), MacScreenLock.SOURCES,
                new TreeMap<>(f.details()), true, false);
        return practice == PracticeId.SCREEN_IDLE && f.lockAfterSeconds().isPresent() ? o.withValue(f.lockAfterSeconds().getAsLong()) : o;
    }
}
