package dev.auscult.probe.darwin;

import dev.auscult.posture.Finding;
import dev.auscult.posture.Observation;
import dev.auscult.posture.PracticeId;
import dev.auscult.probe.Evidence;
import dev.auscult.probe.PracticeProbe;
import dev.auscult.probe.Reading;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * System Integrity Protection from {@code csrutil status}. A "Custom Configuration" is ON only when every
 * listed protection is enabled: csrutil still says "enabled" when filesystem protections are switched off.
 */
final class SystemIntegrityProbe implements PracticeProbe {

    private static final String SIP = "darwin.sip";
    private static final PracticeId ID = PracticeId.SYSTEM_INTEGRITY;
    private static final Pattern STATUS = Pattern.compile("System Integrity Protection status:\\s*(\\w+)");
    private static final Pattern PROTECTION = Pattern.compile("(?m)^\\s*([A-Za-z][A-Za-z ]+):\\s*(enabled|disabled)\\s*$");

    @Override
    public PracticeId practice() {
        return ID;
    }

    @Override
    public List<String> sources() {
        return List.of(SIP);
    }

    @Override
    public Observation observe(Evidence evidence) {
        Reading r = evidence.read(SIP);
        if (!(r instanceof Reading.CommandOutput c)) {
            return Observation.unknown(ID, Finding.of(MacPhrase.SIP_UNREADABLE, r.problem()), List.of(SIP));
        }
        Matcher m = STATUS.matcher(c.stdout());
        if (!m.find()) {
            return Observation.unknown(ID, Finding.of(MacPhrase.CSRUTIL_NO_STATUS), List.of(SIP));
        }
        String status = m.group(1);
        Map<String, String> protections = new TreeMap<>();
        Matcher p = PROTECTION.matcher(c.stdout());
        while (p.find()) {
            protections.put(p.group(1).strip(), p.group(2));
        }
        List<String> off = protections.entrySet().stream().filter(e -> e.getValue().equals("disabled")).map(Map.Entry::getKey).toList();
        boolean custom = c.stdout().contains("Custom Configuration");
        if (!custom && status.equals("enabled")) {
            return Observation.on(ID, Finding.of(MacPhrase.SIP_ON), List.of(SIP));
        }
        if (!custom && status.equals("disabled")) {
            return Observation.off(ID, Finding.of(MacPhrase.SIP_OFF), List.of(SIP));
        }
        if (custom && off.isEmpty() && status.equals("enabled")) {
            return Observation.on(ID, Finding.of(MacPhrase.SIP_CUSTOM_ALL_ON),
                    List.of(SIP)).withDetails(protections);
        }
        return Observation.unknown(ID, Finding.of(MacPhrase.SIP_CUSTOM_PARTLY, status, String.join(", ", off)), List.of(SIP)).withDetails(protections);
    }
}
