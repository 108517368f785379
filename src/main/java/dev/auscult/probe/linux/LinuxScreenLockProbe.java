package dev.auscult.probe.linux;

import dev.auscult.posture.Observation;
import dev.auscult.posture.PracticeId;
import dev.auscult.probe.Evidence;
import dev.auscult.probe.PracticeProbe;
import java.util.List;
import java.util.OptionalLong;
import java.util.TreeMap;

/** screenLock (does it lock by itself) and screenIdle (after how many seconds), from one reading. */
final class LinuxScreenLockProbe implements PracticeProbe {

    private final PracticeId practice;

    private LinuxScreenLockProbe(PracticeId practice) {
        this.practice = practice;
    }

    static LinuxScreenLockProbe screenLock() {
        return new LinuxScreenLockProbe(PracticeId.SCREEN_LOCK);
    }

    static LinuxScreenLockProbe screenIdle() {
        return new LinuxScreenLockProbe(PracticeId.SCREEN_IDLE);
    }

    @Override
    public PracticeId practice() {
        return practice;
    }

    @Override
    public List<String> sources() {
        return List.of(ScreenLockSettings.DESKTOP);
    }

    @Override
    public Observation observe(Evidence evidence) {
        ScreenLockSettings.Finding f = ScreenLockSettings.read(evidence);
        Observation o = new Observation(practice, f.state(), OptionalLong.empty(), f.reason(), f.evidence(), new TreeMap<>(), true, false);
        return practice == PracticeId.SCREEN_IDLE && f.lockAfterSeconds().isPresent()
                ? o.withValue(f.lockAfterSeconds().getAsLong()) : o;
    }
}
