package dev.auscult.probe.win32;

import com.fasterxml.jackson.databind.JsonNode;
import dev.auscult.posture.Finding;
import dev.auscult.posture.Observation;
import dev.auscult.posture.PracticeId;
import dev.auscult.probe.Evidence;
import dev.auscult.probe.PracticeProbe;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Windows Update, by the rule every platform follows (docs/policy-semantics.md): a disabled wuauserv service or
 * the NoAutoUpdate policy is OFF; AUOptions (policy) or NotificationLevel (the agent's own setting) decide
 * between installing by itself (ON) and waiting for the person — notify first, or download and notify — which
 * is OFF too, since nothing installs without them. Values are read as numbers or names, never as translated text.
 */
final class WindowsUpdateProbe implements PracticeProbe {

    private static final String SETTINGS = "win32.update_settings";
    private static final String POLICY = "win32.update_policy";
    private static final String SERVICE = "win32.update_service";
    private static final PracticeId ID = PracticeId.AUTOMATIC_UPDATES;

    @Override
    public PracticeId practice() {
        return ID;
    }

    @Override
    public List<String> sources() {
        return List.of(SETTINGS, POLICY, SERVICE);
    }

    @Override
    public Observation observe(Evidence evidence) {
        List<String> ev = List.of(SETTINGS, POLICY, SERVICE);
        Map<String, String> details = new TreeMap<>();
        Optional<JsonNode> service = WindowsJson.of(evidence.read(SERVICE)).first();
        Optional<String> start = service.flatMap(s -> PowerShellJson.text(s, "StartType"));
        start.ifPresent(s -> details.put("wuauserv", s));
        if (start.map(s -> s.equals("4") || s.equalsIgnoreCase("Disabled")).orElse(false)) {
            return Observation.off(ID, Finding.of(WindowsPhrase.UPDATE_SERVICE_DISABLED), ev).withDetails(details);
        }
        Optional<JsonNode> policy = WindowsJson.of(evidence.read(POLICY)).first();
        Optional<Long> noAuto = policy.flatMap(p -> PowerShellJson.number(p, "NoAutoUpdate"));
        Optional<Long> auOptions = policy.flatMap(p -> PowerShellJson.number(p, "AUOptions"));
        noAuto.ifPresent(v -> details.put("NoAutoUpdate (policy)", String.valueOf(v)));
        auOptions.ifPresent(v -> details.put("AUOptions (policy)", String.valueOf(v)));
        if (noAuto.orElse(0L) == 1) {
            return Observation.off(ID, Finding.of(WindowsPhrase.UPDATES_OFF_BY_POLICY), ev).withDetails(details);
        }
        if (auOptions.isPresent() && auOptions.get() != 5) {
            return switch (auOptions.get().intValue()) {
                case 4 -> Observation.on(ID, Finding.of(WindowsPhrase.UPDATES_AUTOMATIC_BY_POLICY), ev).withDetails(details);
                // nothing installs without the person: OFF, whatever downloads (CIS: "4 - Auto download and schedule the install")
                case 2 -> Observation.off(ID, Finding.of(WindowsPhrase.UPDATES_NOTIFY_BY_POLICY), ev).withDetails(details);
                case 3, 7 -> Observation.off(ID, Finding.of(WindowsPhrase.UPDATES_DOWNLOAD_ONLY_BY_POLICY), ev).withDetails(details);
                default -> Observation.unknown(ID, Finding.of(WindowsPhrase.AU_OPTIONS_UNRECOGNISED, auOptions.get()), ev).withDetails(details);
            };
        }
        WindowsJson settings = WindowsJson.of(evidence.read(SETTINGS));
        Optional<String> level = settings.first().flatMap(s -> PowerShellJson.text(s, "NotificationLevel"));
        level.ifPresent(l -> details.put("NotificationLevel", l));
        if (level.isEmpty()) {
            return Observation.unknown(ID, Finding.of(WindowsPhrase.UPDATE_SETTINGS_UNREADABLE,
                    settings.readable() ? Finding.of(WindowsPhrase.NO_NOTIFICATION_LEVEL) : settings.problem()), ev).withDetails(details);
        }
        return switch (level.get().toLowerCase(java.util.Locale.ROOT)) {
            case "4", "scheduledinstallation" -> Observation.on(ID, Finding.of(WindowsPhrase.UPDATES_AUTOMATIC), ev).withDetails(details);
            case "0", "notconfigured" -> Observation.on(ID, Finding.of(WindowsPhrase.UPDATES_DEFAULT), ev)
                    .withDetails(details);
            case "1", "disabled" -> Observation.off(ID, Finding.of(WindowsPhrase.UPDATES_DISABLED), ev).withDetails(details);
            case "2", "notifybeforedownload" -> Observation.off(ID, Finding.of(WindowsPhrase.UPDATES_NOTIFY), ev).withDetails(details);
            case "3", "notifybeforeinstallation" -> Observation.off(ID, Finding.of(WindowsPhrase.UPDATES_DOWNLOAD_ONLY), ev).withDetails(details);
            default -> Observation.unknown(ID, Finding.of(WindowsPhrase.NOTIFICATION_LEVEL_UNRECOGNISED, level.get()), ev).withDetails(details);
        };
    }
}
