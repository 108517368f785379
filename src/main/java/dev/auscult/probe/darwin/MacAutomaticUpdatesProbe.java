package dev.auscult.probe.darwin;

import dev.auscult.posture.CommonPhrase;
import dev.auscult.posture.Finding;
import dev.auscult.posture.Observation;
import dev.auscult.posture.PracticeId;
import dev.auscult.probe.Evidence;
import dev.auscult.probe.PracticeProbe;
import dev.auscult.probe.Reading;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Software Update settings, by the rule every platform follows (docs/policy-semantics.md): OFF when security
 * updates wait for the person (checking off, or security responses and system files not installed
 * automatically); ON but partial when they install by themselves while other options wait; ON when every
 * recommended option is on. Absent keys take macOS's defaults; managed (MDM) values win over the machine's own.
 */
final class MacAutomaticUpdatesProbe implements PracticeProbe {

    private static final String PREFS = "darwin.softwareupdate_prefs";
    private static final String MANAGED = "darwin.softwareupdate_managed";
    private static final String COMMERCE = "darwin.commerce_prefs";
    private static final PracticeId ID = PracticeId.AUTOMATIC_UPDATES;

    /** key → (label, macOS default when the key is absent). */
    private record Setting(String domain, String key, MacPhrase label, boolean byDefault) {
    }

    /** Security responses and system files: what must install by itself for the practice to be more than OFF. */
    private static final String SECURITY = "CriticalUpdateInstall";

    private static final List<Setting> INSTALL_OPTIONS = List.of(
            new Setting(PREFS, "AutomaticDownload", MacPhrase.UPDATE_DOWNLOAD, true),
            new Setting(PREFS, SECURITY, MacPhrase.UPDATE_SECURITY_RESPONSES, true),
            new Setting(PREFS, "ConfigDataInstall", MacPhrase.UPDATE_DATA_FILES, true),
            new Setting(PREFS, "AutomaticallyInstallMacOSUpdates", MacPhrase.UPDATE_MACOS, false),
            new Setting(COMMERCE, "AutoUpdate", MacPhrase.UPDATE_APPS, true));

    @Override
    public PracticeId practice() {
        return ID;
    }

    @Override
    public List<String> sources() {
        return List.of(PREFS, MANAGED, COMMERCE);
    }

    @Override
    public Observation observe(Evidence evidence) {
        Reading prefs = evidence.read(PREFS);
        // "defaults read" of a domain never written exits 1 with "Domain … does not exist": all defaults then.
        boolean neverWritten = prefs instanceof Reading.CommandOutput c && c.exitCode() != 0 && c.stderr().contains("does not exist");
        boolean readable = prefs instanceof Reading.CommandOutput c && (c.exitCode() == 0 || neverWritten);
        if (!readable) {
            Object why = prefs instanceof Reading.CommandOutput c ? Finding.of(CommonPhrase.EXITED_WITH_CODE, "defaults", c.exitCode()) : prefs.problem();
            return Observation.unknown(ID, Finding.of(MacPhrase.UPDATE_SETTINGS_UNREADABLE, why), List.of(PREFS));
        }
        Map<String, DefaultsPlist> domains = Map.of(
                PREFS, MacScreenLock.plist(prefs),
                COMMERCE, MacScreenLock.plist(evidence.read(COMMERCE)));
        DefaultsPlist managed = MacScreenLock.plist(evidence.read(MANAGED));
        Map<String, String> details = new TreeMap<>();
        List<String> ev = List.of(PREFS, MANAGED, COMMERCE);

        boolean checking = value(managed, domains.get(PREFS), "AutomaticCheckEnabled", true, MacPhrase.UPDATE_CHECK, details);
        if (!checking) {
            return Observation.off(ID, Finding.of(MacPhrase.UPDATES_NOT_CHECKED), ev).withDetails(details);
        }
        List<Finding> off = new ArrayList<>();
        boolean securityInstalls = false;
        for (Setting s : INSTALL_OPTIONS) {
            DefaultsPlist own = domains.get(s.domain());
            boolean on = value(s.domain().equals(PREFS) ? managed : DefaultsPlist.empty(), own, s.key(), s.byDefault(), s.label(), details);
            if (!on) {
                off.add(Finding.of(s.label()));
            }
            securityInstalls |= on && s.key().equals(SECURITY);
        }
        if (off.isEmpty()) {
            return Observation.on(ID, Finding.of(MacPhrase.UPDATES_ALL_AUTOMATIC), ev).withDetails(details);
        }
        Object missing = Finding.chain(CommonPhrase.ITEMS_COMMA, off);
        if (!securityInstalls) {
            // checking alone installs nothing: the person must still act for every security fix (CIS macOS 1.2–1.5)
            return Observation.off(ID, Finding.of(MacPhrase.UPDATES_SECURITY_WAIT, missing), ev).withDetails(details);
        }
        return Observation.on(ID, Finding.of(MacPhrase.UPDATES_PARTLY, missing), ev).withDetails(details).asPartial();
    }

    private static boolean value(DefaultsPlist managed, DefaultsPlist own, String key, boolean byDefault, MacPhrase label,
                                 Map<String, String> details) {
        Optional<Boolean> m = managed.flag(key);
        Optional<Boolean> o = own.flag(key);
        boolean v = m.or(() -> o).orElse(byDefault);
        String origin = m.isPresent() ? " (managed)" : o.isPresent() ? "" : " (macOS default)";
        details.put(key, (v ? "on" : "off") + origin + " — " + label.english());
        return v;
    }
}
