package dev.auscult.probe.linux;

import dev.auscult.posture.CommonPhrase;
import dev.auscult.posture.Finding;
import dev.auscult.posture.Observation;
import dev.auscult.posture.PracticeId;
import dev.auscult.probe.Evidence;
import dev.auscult.probe.FileSet;
import dev.auscult.probe.PracticeProbe;
import dev.auscult.probe.ReadStatus;
import dev.auscult.probe.Reading;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * APT: {@code APT::Periodic::Update-Package-Lists} and {@code Unattended-Upgrade} both non-zero (APT's
 * default for an absent key is 0, i.e. off) with unattended-upgrades installed. DNF: a dnf-automatic
 * timer enabled and {@code apply_updates = yes} (or the -install timer, which forces it).
 */
final class LinuxAutomaticUpdatesProbe implements PracticeProbe {

    private static final String APT = "linux.apt_config";
    private static final String APT_FILES = "linux.apt_conf_files";
    private static final String APT_CONFIG_ENV = "linux.apt_config_env";
    private static final String DNF_CONF = "linux.dnf_automatic_conf";
    private static final PracticeId ID = PracticeId.AUTOMATIC_UPDATES;
    private static final String LISTS = "Update-Package-Lists";
    private static final String UPGRADE = "Unattended-Upgrade";
    private static final String PERIODIC = "APT::Periodic::";

    @Override
    public PracticeId practice() {
        return ID;
    }

    @Override
    public List<String> sources() {
        // apt-config is read only when the files cannot answer, so it is not fetched ahead
        return List.of(APT_FILES, APT_CONFIG_ENV, SystemdUnits.SOURCE);
    }

    @Override
    public Observation observe(Evidence evidence) {
        Reading files = evidence.read(APT_FILES);
        boolean redirected = evidence.read(APT_CONFIG_ENV).text().filter(v -> !v.isBlank()).isPresent();
        if (files.isOk() && !redirected) {
            try {
                AptConfiguration conf = AptConfiguration.read(FileSet.decode(files.text().orElseThrow()));
                return fromApt(conf.find(PERIODIC + LISTS), conf.find(PERIODIC + UPGRADE), SystemdUnits.read(evidence), APT_FILES);
            } catch (AptConfiguration.SyntaxError e) {
                return Observation.unknown(ID, Finding.of(LinuxPhrase.APT_REFUSED, e.getMessage()),
                        List.of(APT_FILES));
            } catch (AptConfiguration.Unsupported | IllegalArgumentException e) {
                // what only APT can resolve (#include, moved configuration files): ask apt-config below
            }
        }
        // Snapshots recorded before the files were read, APT_CONFIG set, or the cases above: APT's own answer.
        Reading apt = evidence.read(APT);
        if (apt instanceof Reading.CommandOutput c && c.exitCode() == 0) {
            return fromApt(dumped(c.stdout(), LISTS), dumped(c.stdout(), UPGRADE), SystemdUnits.read(evidence), APT);
        }
        if (apt.status() == ReadStatus.MISSING) {
            return fromDnf(evidence);
        }
        Object why = apt instanceof Reading.CommandOutput c ? Finding.of(CommonPhrase.EXITED_WITH_CODE, "apt-config", c.exitCode()) : apt.problem();
        return Observation.unknown(ID, Finding.of(LinuxPhrase.APT_UNREADABLE, why), List.of(APT));
    }

    private Observation fromApt(Optional<AptConfiguration.Value> listsSet, Optional<AptConfiguration.Value> upgradeSet,
                                SystemdUnits units, String source) {
        Optional<String> lists = listsSet.map(AptConfiguration.Value::value);
        Optional<String> upgrade = upgradeSet.map(AptConfiguration.Value::value);
        Map<String, String> details = new TreeMap<>();
        details.put(PERIODIC + LISTS, describe(listsSet));
        details.put(PERIODIC + UPGRADE, describe(upgradeSet));
        List<String> ids = new ArrayList<>(List.of(source));
        if (!isOn(upgrade)) {
            return Observation.off(ID, Finding.of(LinuxPhrase.APT_UPGRADES_OFF, setting(upgrade)), ids).withDetails(details);
        }
        if (!isOn(lists)) {
            return Observation.off(ID, Finding.of(LinuxPhrase.APT_LISTS_NEVER_REFRESHED, setting(lists)), ids).withDetails(details);
        }
        Optional<SystemdUnits.Unit> uu = units.unit("unattended-upgrades.service");
        ids.addAll(units.evidenceFor("unattended-upgrades.service"));
        uu.ifPresent(u -> details.put(u.name(), u.describe()));
        if (uu.flatMap(SystemdUnits.Unit::installed).map(installed -> !installed).orElse(false)) {
            return Observation.off(ID, Finding.of(LinuxPhrase.APT_PACKAGE_MISSING), ids).withDetails(details);
        }
        return Observation.on(ID, Finding.of(LinuxPhrase.APT_UPGRADES_ON), ids)
                .withDetails(details);
    }

    private static Finding setting(Optional<String> value) {
        return value.map(v -> Finding.of(LinuxPhrase.APT_SETTING_VALUE, v)).orElseGet(() -> Finding.of(LinuxPhrase.APT_SETTING_NOT_SET));
    }

    /** The value and, when known, the file and line that set it last (apt-config dump does not say). */
    private static String describe(Optional<AptConfiguration.Value> v) {
        return v.map(x -> x.file().isEmpty() ? x.value() : x.value() + " (" + x.file() + " line " + x.line() + ")")
                .orElse("not set");
    }

    private static Optional<AptConfiguration.Value> dumped(String dump, String key) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(PERIODIC + key) + "\\s+\"([^\"]*)\";").matcher(dump);
        String last = null;
        while (m.find()) {
            last = m.group(1);
        }
        return Optional.ofNullable(last).map(v -> new AptConfiguration.Value(PERIODIC + key, v, "", 0));
    }

    /** APT reads these as intervals: "0" (or an unparsable value) disables, "always" and any positive count enable. */
    private static boolean isOn(Optional<String> value) {
        if (value.isEmpty()) {
            return false;
        }
        String v = value.get().strip();
        if (v.equalsIgnoreCase("always")) {
            return true;
        }
        return v.matches("\\d+[smhd]?") && !v.matches("0+[smhd]?");
    }

    private Observation fromDnf(Evidence evidence) {
        Reading conf = evidence.read(DNF_CONF);
        SystemdUnits units = SystemdUnits.read(evidence);
        List<String> ids = new ArrayList<>(List.of(APT, DNF_CONF));
        if (!units.available()) {
            return Observation.unknown(ID, conf.status() == ReadStatus.MISSING ? Finding.of(LinuxPhrase.NO_KNOWN_UPDATER)
                    : Finding.of(LinuxPhrase.DNF_TIMERS_UNREADABLE, units.problem()), ids);
        }
        ids.addAll(units.evidenceFor("dnf-automatic.timer", "dnf5-automatic.timer"));
        Map<String, String> details = new TreeMap<>();
        boolean installTimer = enabled(units, "dnf-automatic-install.timer", details);
        boolean dnf4 = enabled(units, "dnf-automatic.timer", details);
        boolean dnf5 = enabled(units, "dnf5-automatic.timer", details);
        boolean timer = dnf4 || dnf5;
        if (conf.status() == ReadStatus.MISSING) {
            if (installTimer) {
                return Observation.on(ID, Finding.of(LinuxPhrase.DNF_INSTALLS), ids).withDetails(details);
            }
            // dnf5 (Fedora 41+) ships its defaults outside /etc, and dnf-automatic.timer is an alias of dnf5's: say what
            // was read — an enabled timer, no configuration file — rather than that no updater exists
            return timer ? Observation.unknown(ID, Finding.of(LinuxPhrase.DNF_CONF_ABSENT, dnf5 ? "dnf5-automatic.timer" : "dnf-automatic.timer"), ids)
                    .withDetails(details) : Observation.unknown(ID, Finding.of(LinuxPhrase.NO_KNOWN_UPDATER), ids);
        }
        boolean apply = conf.text().map(LinuxAutomaticUpdatesProbe::appliesUpdates).orElse(false);
        boolean securityOnly = conf.text().map(LinuxAutomaticUpdatesProbe::securityOnly).orElse(false);
        details.put("apply_updates", apply ? "yes" : "no");
        if (securityOnly) {
            details.put("upgrade_type", "security");
        }
        if (installTimer || (timer && apply)) {
            // security updates install by themselves while the others wait: partial, as on every platform
            return securityOnly ? Observation.on(ID, Finding.of(LinuxPhrase.DNF_SECURITY_ONLY), ids).withDetails(details).asPartial()
                    : Observation.on(ID, Finding.of(LinuxPhrase.DNF_INSTALLS), ids).withDetails(details);
        }
        if (timer) {
            return Observation.off(ID, Finding.of(LinuxPhrase.DNF_DOWNLOADS_ONLY), ids)
                    .withDetails(details);
        }
        return Observation.off(ID, Finding.of(LinuxPhrase.DNF_TIMER_OFF), ids).withDetails(details);
    }

    private static boolean enabled(SystemdUnits units, String name, Map<String, String> details) {
        Optional<SystemdUnits.Unit> u = units.unit(name);
        u.ifPresent(unit -> details.put(unit.name(), unit.describe()));
        return u.map(unit -> unit.enabled() || unit.active()).orElse(false);
    }

    static boolean appliesUpdates(String conf) {
        return command(conf, "apply_updates").map(v -> v.equals("yes") || v.equals("true") || v.equals("1") || v.equals("on")).orElse(false);
    }

    /** {@code upgrade_type = security}: only security updates are applied (the default, {@code default}, applies all). */
    static boolean securityOnly(String conf) {
        return command(conf, "upgrade_type").filter("security"::equals).isPresent();
    }

    /** A key of the {@code [commands]} section, lower case. */
    private static Optional<String> command(String conf, String key) {
        String section = "";
        for (String raw : conf.split("\r?\n")) {
            String line = raw.strip();
            if (line.startsWith("[") && line.endsWith("]")) {
                section = line.substring(1, line.length() - 1).strip();
            } else if (section.equals("commands") && line.matches(key + "\\s*=.*")) {
                return Optional.of(line.substring(line.indexOf('=') + 1).strip().toLowerCase(java.util.Locale.ROOT));
            }
        }
        return Optional.empty();
    }
}
