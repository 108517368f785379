package dev.auscult.probe.linux;

import dev.auscult.posture.Finding;
import dev.auscult.posture.Observation;
import dev.auscult.posture.PracticeId;
import dev.auscult.probe.Evidence;
import dev.auscult.probe.PracticeProbe;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** ON when an anti-malware service runs: ClamAV's daemon or one of the common enterprise EDR sensors. */
final class LinuxAntivirusProbe implements PracticeProbe {

    private static final PracticeId ID = PracticeId.ANTIVIRUS;
    private static final List<Map.Entry<String, String>> PRODUCTS = List.of(
            Map.entry("clamav-daemon.service", "ClamAV"),
            Map.entry("mdatp.service", "Microsoft Defender for Endpoint"),
            Map.entry("falcon-sensor.service", "CrowdStrike Falcon"),
            Map.entry("sentinelone.service", "SentinelOne"),
            Map.entry("sophos-spl.service", "Sophos"));

    @Override
    public PracticeId practice() {
        return ID;
    }

    @Override
    public List<String> sources() {
        return List.of(SystemdUnits.SOURCE);
    }

    @Override
    public Observation observe(Evidence evidence) {
        SystemdUnits units = SystemdUnits.read(evidence);
        List<String> ids = units.evidenceFor(PRODUCTS.stream().map(Map.Entry::getKey).toArray(String[]::new));
        if (!units.available()) {
            return Observation.unknown(ID, Finding.of(LinuxPhrase.AV_SERVICES_UNREADABLE, units.problem()), ids);
        }
        Map<String, String> details = new TreeMap<>();
        boolean anyReported = false;
        String installedButStopped = null;
        for (var product : PRODUCTS) {
            Optional<SystemdUnits.Unit> u = units.unit(product.getKey());
            if (u.isEmpty()) {
                continue;
            }
            anyReported = true;
            details.put(u.get().name(), u.get().describe());
            if (u.get().active()) {
                return Observation.on(ID, Finding.of(LinuxPhrase.AV_RUNNING, product.getValue()), ids).withDetails(details);
            }
            if (u.get().installed().orElse(false) && installedButStopped == null) {
                installedButStopped = product.getValue();
            }
        }
        if (!anyReported) {
            return Observation.unknown(ID, Finding.of(LinuxPhrase.AV_NOT_RECORDED), ids);
        }
        if (installedButStopped != null) {
            return Observation.off(ID, Finding.of(LinuxPhrase.AV_INSTALLED_NOT_RUNNING, installedButStopped), ids).withDetails(details);
        }
        return Observation.off(ID, Finding.of(LinuxPhrase.AV_NONE_RUNNING),
                ids).withDetails(details);
    }
}
