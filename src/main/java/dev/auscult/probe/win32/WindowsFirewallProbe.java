package dev.auscult.probe.win32;

import com.fasterxml.jackson.databind.JsonNode;
import dev.auscult.posture.Finding;
import dev.auscult.posture.Observation;
import dev.auscult.posture.PracticeId;
import dev.auscult.probe.Evidence;
import dev.auscult.probe.PracticeProbe;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Windows Defender Firewall, every profile (Domain, Private, Public): ON only when all are on. Enabled
 * is a GpoBoolean that PowerShell 5.1 may print as 1/0/2, True/False or "NotConfigured"; an explicit
 * off decides, "not configured" leaves the profile undetermined.
 */
final class WindowsFirewallProbe implements PracticeProbe {

    private static final String PROFILES = "win32.firewall_profiles";
    private static final PracticeId ID = PracticeId.FIREWALL;

    @Override
    public PracticeId practice() {
        return ID;
    }

    @Override
    public List<String> sources() {
        return List.of(PROFILES);
    }

    @Override
    public Observation observe(Evidence evidence) {
        WindowsJson json = WindowsJson.of(evidence.read(PROFILES));
        List<String> ev = List.of(PROFILES);
        if (!json.readable() || json.objects().isEmpty()) {
            return Observation.unknown(ID, Finding.of(WindowsPhrase.FIREWALL_PROFILES_UNREADABLE, json.readable() ? Finding.of(WindowsPhrase.FIREWALL_NO_PROFILES) : json.problem()), ev);
        }
        Map<String, String> details = new TreeMap<>();
        List<String> off = new ArrayList<>();
        List<String> undetermined = new ArrayList<>();
        for (JsonNode p : json.objects()) {
            String name = PowerShellJson.text(p, "Name").orElse("unnamed");
            String state = enabled(p.get("Enabled"));
            details.put(name, state);
            if (state.equals("off")) {
                off.add(name);
            } else if (!state.equals("on")) {
                undetermined.add(name);
            }
        }
        if (!off.isEmpty()) {
            return Observation.off(ID, Finding.of(off.size() > 1 ? WindowsPhrase.FIREWALL_OFF_PROFILES : WindowsPhrase.FIREWALL_OFF_PROFILE, String.join(", ", off)), ev)
                    .withDetails(details);
        }
        if (!undetermined.isEmpty()) {
            return Observation.unknown(ID, Finding.of(WindowsPhrase.FIREWALL_PROFILE_UNDETERMINED, String.join(", ", undetermined)), ev)
                    .withDetails(details);
        }
        return Observation.on(ID, Finding.of(WindowsPhrase.FIREWALL_ON_EVERYWHERE, String.join(", ", details.keySet())), ev)
                .withDetails(details);
    }

    static String enabled(JsonNode v) {
        if (v == null || v.isNull()) {
            return "not reported";
        }
        if (v.isBoolean()) {
            return v.booleanValue() ? "on" : "off";
        }
        String s = v.asText().strip();
        return switch (s.toLowerCase(java.util.Locale.ROOT)) {
            case "1", "true" -> "on";
            case "0", "false" -> "off";
            case "2", "notconfigured" -> "not configured";
            default -> "unrecognised (" + s + ")";
        };
    }
}
