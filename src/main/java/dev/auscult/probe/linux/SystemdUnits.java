package dev.auscult.probe.linux;

import dev.auscult.posture.Finding;
import dev.auscult.probe.Evidence;
import dev.auscult.probe.ReadStatus;
import dev.auscult.probe.Reading;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Unit states from one {@code systemctl show} (source {@code linux.systemd_units}), or, when a snapshot
 * predates that source, from the per-unit {@code systemctl is-active}/{@code is-enabled} sources.
 */
final class SystemdUnits {

    static final String SOURCE = "linux.systemd_units";

    /** Legacy per-unit sources: unit → (source ID, whether it holds is-enabled rather than is-active output). */
    private static final Map<String, Legacy> LEGACY = Map.of(
            "ufw.service", new Legacy("linux.unit_ufw", false),
            "firewalld.service", new Legacy("linux.unit_firewalld", false),
            "nftables.service", new Legacy("linux.unit_nftables", false),
            "ssh.service", new Legacy("linux.unit_ssh", false),
            "sshd.service", new Legacy("linux.unit_sshd", false),
            "clamav-daemon.service", new Legacy("linux.unit_clamav", false),
            "unattended-upgrades.service", new Legacy("linux.unit_unattended_upgrades", true),
            "dnf-automatic.timer", new Legacy("linux.unit_dnf_automatic", true),
            "dnf5-automatic.timer", new Legacy("linux.unit_dnf5_automatic", true));

    private record Legacy(String sourceId, boolean isEnabledOutput) {
    }

    /** One unit's state; a field is empty when the evidence does not say. */
    record Unit(String name, Optional<String> loadState, Optional<String> activeState, Optional<String> unitFileState) {

        Optional<Boolean> installed() {
            if (loadState.isPresent()) {
                return Optional.of(!loadState.get().equals("not-found"));
            }
            return unitFileState.map(s -> !s.isEmpty());
        }

        boolean active() {
            return activeState.map(s -> s.equals("active") || s.equals("reloading") || s.equals("activating")).orElse(false);
        }

        boolean enabled() {
            return unitFileState.map(s -> s.startsWith("enabled") || s.equals("static") || s.equals("alias")).orElse(false);
        }

        String describe() {
            return name + ": " + activeState.orElse("?") + "/" + unitFileState.orElse("?")
                    + loadState.filter(s -> s.equals("not-found")).map(s -> " (not installed)").orElse("");
        }
    }

    /**
     * The unit that speaks for a service known under several names (ssh.service on Debian, sshd.service on
     * RHEL): an active one wins, then an installed one, then any recorded one. A missing alias must not hide
     * a running one — one ON signal is enough.
     */
    Optional<Unit> anyOf(String... names) {
        List<Unit> found = java.util.Arrays.stream(names).map(this::unit).flatMap(Optional::stream).toList();
        return found.stream().filter(Unit::active).findFirst()
                .or(() -> found.stream().filter(u -> u.installed().orElse(false)).findFirst())
                .or(() -> found.stream().findFirst());
    }

    private final Map<String, Unit> units;
    private final Finding problem;
    private final List<String> evidence;
    private final Evidence source;
    private final boolean legacy;

    private SystemdUnits(Map<String, Unit> units, Finding problem, List<String> evidence, Evidence source, boolean legacy) {
        this.units = units;
        this.problem = problem;
        this.evidence = evidence;
        this.source = source;
        this.legacy = legacy;
    }

    static SystemdUnits read(Evidence evidence) {
        Reading r = evidence.read(SOURCE);
        if (r instanceof Reading.CommandOutput c && c.exitCode() == 0) {
            return new SystemdUnits(parseShow(c.stdout()), null, List.of(SOURCE), evidence, false);
        }
        if (r.status() == ReadStatus.MISSING) {
            // A snapshot from before linux.systemd_units existed: consult the per-unit sources.
            boolean any = LEGACY.values().stream().anyMatch(l -> evidence.read(l.sourceId()).isOk());
            return any ? new SystemdUnits(Map.of(), null, List.of(), evidence, true)
                    : new SystemdUnits(Map.of(), Finding.of(LinuxPhrase.SERVICES_UNREADABLE, r.problem()), List.of(SOURCE), evidence, false);
        }
        Finding why = r instanceof Reading.CommandOutput c
                ? Finding.of(LinuxPhrase.SYSTEMCTL_FAILED, firstLine(c.stderr().isBlank() ? c.stdout() : c.stderr()))
                : Finding.plain(r.problem());
        return new SystemdUnits(Map.of(), why, List.of(SOURCE), evidence, false);
    }

    static Map<String, Unit> parseShow(String text) {
        Map<String, Unit> out = new HashMap<>();
        for (String block : text.replace("\r\n", "\n").split("\n\\s*\n")) {
            Map<String, String> kv = new HashMap<>();
            for (String line : block.split("\n")) {
                int eq = line.indexOf('=');
                if (eq > 0) {
                    kv.put(line.substring(0, eq).strip(), line.substring(eq + 1).strip());
                }
            }
            String id = kv.get("Id");
            if (id != null && !id.isEmpty()) {
                out.put(id, new Unit(id, opt(kv.get("LoadState")), opt(kv.get("ActiveState")), opt(kv.get("UnitFileState"))));
            }
        }
        return out;
    }

    private static Optional<String> opt(String s) {
        return Optional.ofNullable(s).filter(v -> !v.isEmpty());
    }

    /** True when unit states could be read at all (directly or from legacy sources). */
    boolean available() {
        return problem == null;
    }

    Finding problem() {
        return problem;
    }

    /** The unit's state, or empty when the evidence says nothing about it. */
    Optional<Unit> unit(String name) {
        if (!legacy) {
            return Optional.ofNullable(units.get(name));
        }
        Legacy l = LEGACY.get(name);
        if (l == null) {
            return Optional.empty();
        }
        Reading r = source.read(l.sourceId());
        if (!(r instanceof Reading.CommandOutput c)) {
            return Optional.empty();
        }
        String word = firstLine(c.stdout());
        if (l.isEnabledOutput()) {
            if (word.isEmpty() && c.stderr().contains("No such file")) {
                return Optional.of(new Unit(name, Optional.of("not-found"), Optional.empty(), Optional.empty()));
            }
            return word.isEmpty() ? Optional.empty()
                    : Optional.of(new Unit(name, Optional.empty(), Optional.empty(), Optional.of(word)));
        }
        // is-active prints "inactive" for units that do not exist too, so it never proves installation.
        return word.isEmpty() ? Optional.empty()
                : Optional.of(new Unit(name, Optional.empty(), Optional.of(word), Optional.empty()));
    }

    /** The source IDs consulted for the units named, for a practice's evidence list. */
    List<String> evidenceFor(String... names) {
        if (!legacy) {
            return evidence;
        }
        List<String> ids = java.util.Arrays.stream(names).map(LEGACY::get).filter(java.util.Objects::nonNull)
                .map(Legacy::sourceId).toList();
        return ids.isEmpty() ? List.of(SOURCE) : ids;
    }

    private static String firstLine(String text) {
        String t = text.strip();
        int nl = t.indexOf('\n');
        return nl < 0 ? t : t.substring(0, nl).strip();
    }
}
