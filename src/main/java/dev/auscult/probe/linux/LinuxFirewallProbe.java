package dev.auscult.probe.linux;

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
import java.util.regex.Pattern;

/** ufw (enabled in ufw.conf and its service active), firewalld (active), or nftables with a filtering ruleset. */
final class LinuxFirewallProbe implements PracticeProbe {

    private static final String UFW_CONF = "linux.ufw_conf";
    private static final String NFT_CONF = "linux.nftables_conf";
    private static final PracticeId ID = PracticeId.FIREWALL;
    private static final Pattern UFW_ENABLED = Pattern.compile("(?m)^\\s*ENABLED\\s*=\\s*\"?(\\w+)\"?");
    private static final Pattern FILTERING = Pattern.compile("(?m)^[^#\\n]*\\b(drop|reject)\\b");

    @Override
    public PracticeId practice() {
        return ID;
    }

    @Override
    public List<String> sources() {
        return List.of(SystemdUnits.SOURCE, UFW_CONF);
    }

    @Override
    public Observation observe(Evidence evidence) {
        SystemdUnits units = SystemdUnits.read(evidence);
        Reading ufwConf = evidence.read(UFW_CONF);
        Optional<Boolean> ufwEnabled = ufwConf.text().flatMap(t -> {
            var m = UFW_ENABLED.matcher(t);
            return m.find() ? Optional.of(m.group(1).equalsIgnoreCase("yes")) : Optional.empty();
        });
        List<String> evidenceIds = new ArrayList<>(units.evidenceFor("ufw.service", "firewalld.service", "nftables.service"));
        evidenceIds.add(UFW_CONF);
        Map<String, String> details = new TreeMap<>();
        ufwEnabled.ifPresent(e -> details.put("ufw.conf", e ? "ENABLED=yes" : "ENABLED=no"));

        if (!units.available()) {
            if (ufwEnabled.orElse(false)) {
                return Observation.on(ID, Finding.of(LinuxPhrase.UFW_ENABLED_STATE_UNKNOWN, units.problem()), evidenceIds).withDetails(details);
            }
            return Observation.unknown(ID, Finding.of(LinuxPhrase.FIREWALL_SERVICES_UNREADABLE, units.problem()), evidenceIds)
                    .withDetails(details);
        }
        Optional<SystemdUnits.Unit> ufw = units.unit("ufw.service");
        Optional<SystemdUnits.Unit> firewalld = units.unit("firewalld.service");
        Optional<SystemdUnits.Unit> nftables = units.unit("nftables.service");
        for (var u : List.of(ufw, firewalld, nftables)) {
            u.ifPresent(unit -> details.put(unit.name(), unit.describe()));
        }
        if (ufw.map(SystemdUnits.Unit::active).orElse(false) && ufwEnabled.orElse(false)) {
            return Observation.on(ID, Finding.of(LinuxPhrase.UFW_RUNNING), evidenceIds).withDetails(details);
        }
        if (firewalld.map(SystemdUnits.Unit::active).orElse(false)) {
            return Observation.on(ID, Finding.of(LinuxPhrase.FIREWALLD_RUNNING), evidenceIds).withDetails(details);
        }
        if (nftables.map(SystemdUnits.Unit::active).orElse(false)) {
            return nftablesVerdict(evidence, evidenceIds, details);
        }
        if (ufw.isEmpty() && firewalld.isEmpty() && nftables.isEmpty() && ufwEnabled.isEmpty()) {
            return Observation.unknown(ID, Finding.of(LinuxPhrase.FIREWALL_NOT_RECORDED), evidenceIds).withDetails(details);
        }
        // OFF needs every signal: a firewall whose state was not read could be the one that is running.
        List<String> unread = new ArrayList<>();
        if (firewalld.isEmpty()) {
            unread.add("firewalld.service");
        }
        if (nftables.isEmpty()) {
            unread.add("nftables.service");
        }
        if (ufw.isEmpty() && ufwEnabled.isEmpty()) {
            unread.add("ufw");
        }
        if (!unread.isEmpty()) {
            return Observation.unknown(ID, Finding.of(LinuxPhrase.FIREWALL_PARTLY_UNREAD, Finding.chain(CommonPhrase.ITEMS_AND, unread)), evidenceIds).withDetails(details);
        }
        if (ufwEnabled.orElse(false)) {
            return Observation.off(ID, Finding.of(LinuxPhrase.UFW_NOT_RUNNING), evidenceIds)
                    .withDetails(details);
        }
        return Observation.off(ID, Finding.of(LinuxPhrase.NO_FIREWALL),
                evidenceIds).withDetails(details);
    }

    private Observation nftablesVerdict(Evidence evidence, List<String> evidenceIds, Map<String, String> details) {
        Reading conf = evidence.read(NFT_CONF);
        List<String> ids = new ArrayList<>(evidenceIds);
        ids.add(NFT_CONF);
        if (conf.text().isEmpty()) {
            return Observation.unknown(ID, Finding.of(LinuxPhrase.NFT_RULES_UNREADABLE, conf.problem()), ids)
                    .withDetails(details);
        }
        if (FILTERING.matcher(conf.text().get()).find()) {
            return Observation.on(ID, Finding.of(LinuxPhrase.NFT_FILTERING), ids)
                    .withDetails(details);
        }
        return Observation.off(ID, Finding.of(LinuxPhrase.NFT_ACCEPTS_ALL),
                ids).withDetails(details);
    }
}
