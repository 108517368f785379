package dev.auscult.probe.win32;

import dev.auscult.posture.Observation;
import dev.auscult.posture.PracticeId;
import dev.auscult.probe.Evidence;
import dev.auscult.probe.PracticeProbe;
import dev.auscult.probe.Reading;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * screenIdle on Windows, from the display-off timeouts of the active power plan. Only the hexadecimal
 * indexes are read (the labels around them are translated). This version does not read the screen saver
 * or the machine inactivity limit yet, so the state stays UNKNOWN; the measured worst case is reported.
 */
final class DisplayTimeoutProbe implements PracticeProbe {

    private static final String POWERCFG = "win32.display_timeout";
    private static final PracticeId ID = PracticeId.SCREEN_IDLE;
    private static final Pattern INDEX = Pattern.compile("0x([0-9a-fA-F]{8})");

    @Override
    public PracticeId practice() {
        return ID;
    }

    @Override
    public List<String> sources() {
        return List.of(POWERCFG);
    }

    @Override
    public Observation observe(Evidence evidence) {
        Reading r = evidence.read(POWERCFG);
        if (!(r instanceof Reading.CommandOutput c) || c.exitCode() != 0) {
            return Observation.unknown(ID, "the display timeout could not be read: " + r.problem(), List.of(POWERCFG));
        }
        Optional<long[]> acDc = acDc(c.stdout());
        if (acDc.isEmpty()) {
            return Observation.unknown(ID, "powercfg printed no AC/DC setting indexes", List.of(POWERCFG));
        }
        long ac = acDc.get()[0];
        long dc = acDc.get()[1];
        Map<String, String> details = Map.of("displayOffAC", ac == 0 ? "never" : ac + " s", "displayOffDC", dc == 0 ? "never" : dc + " s");
        String worst = ac == 0 || dc == 0 ? "the display never turns off on " + (ac == 0 ? "mains power" : "battery")
                : "the display turns off after " + Math.max(ac, dc) + " s at most";
        Observation o = Observation.unknown(ID, worst + "; the screen saver and lock settings are not checked by this version yet",
                List.of(POWERCFG)).withDetails(details);
        return ac == 0 || dc == 0 ? o : o.withValue(Math.max(ac, dc));
    }

    /** The last two 8-digit hex indexes are "Current AC" then "Current DC" (powercfg /query prints them in that order). */
    static Optional<long[]> acDc(String text) {
        Matcher m = INDEX.matcher(text);
        java.util.ArrayList<Long> all = new java.util.ArrayList<>();
        while (m.find()) {
            all.add(Long.parseLong(m.group(1), 16));
        }
        if (all.size() < 2) {
            return Optional.empty();
        }
        return Optional.of(new long[] {all.get(all.size() - 2), all.get(all.size() - 1)});
    }
}
