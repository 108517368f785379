package dev.auscult.probe.darwin;

import dev.auscult.posture.Finding;
import dev.auscult.posture.Observation;
import dev.auscult.posture.PracticeId;
import dev.auscult.probe.Evidence;
import dev.auscult.probe.PracticeProbe;
import dev.auscult.probe.Reading;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * macOS's built-in malware protection (XProtect) is part of the system; its presence and version are
 * what a standard user can see. Whether its signatures stay current is the automaticUpdates practice's
 * "install system data files" setting.
 */
final class XProtectProbe implements PracticeProbe {

    private static final String XPROTECT = "darwin.xprotect";
    private static final PracticeId ID = PracticeId.ANTIVIRUS;
    private static final Pattern VERSION = Pattern.compile("<key>CFBundleShortVersionString</key>\\s*<string>([^<]+)</string>");

    @Override
    public PracticeId practice() {
        return ID;
    }

    @Override
    public List<String> sources() {
        return List.of(XPROTECT);
    }

    @Override
    public Observation observe(Evidence evidence) {
        Reading r = evidence.read(XPROTECT);
        if (r.text().isEmpty()) {
            return Observation.unknown(ID, Finding.of(MacPhrase.XPROTECT_MISSING, r.problem()), List.of(XPROTECT));
        }
        Matcher m = VERSION.matcher(r.text().get());
        if (!m.find()) {
            return Observation.unknown(ID, Finding.of(MacPhrase.XPROTECT_VERSION_UNREADABLE), List.of(XPROTECT));
        }
        return Observation.on(ID, Finding.of(MacPhrase.XPROTECT_INSTALLED, m.group(1)),
                List.of(XPROTECT)).withDetails(Map.of("XProtect", m.group(1)));
    }
}
