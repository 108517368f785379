package dev.auscult.probe.win32;

import com.fasterxml.jackson.databind.JsonNode;
import dev.auscult.posture.Finding;
import dev.auscult.posture.Observation;
import dev.auscult.posture.PracticeId;
import dev.auscult.probe.Evidence;
import dev.auscult.probe.PracticeProbe;
import dev.auscult.probe.Reading;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Security Center's registered antivirus products (productState decoded); where that namespace does not
 * exist (Windows Server, some EDR setups) Microsoft Defender's own status.
 */
final class WindowsAntivirusProbe implements PracticeProbe {

    private static final String PRODUCTS = "win32.antivirus_products";
    private static final String DEFENDER = "win32.defender";
    private static final PracticeId ID = PracticeId.ANTIVIRUS;
    /** Defender's own guidance treats signatures older than a week as out of date. */
    private static final long MAX_SIGNATURE_AGE_DAYS = 7;

    @Override
    public PracticeId practice() {
        return ID;
    }

    @Override
    public List<String> sources() {
        return List.of(PRODUCTS, DEFENDER);
    }

    @Override
    public Observation observe(Evidence evidence) {
        Reading r = evidence.read(PRODUCTS);
        if (r instanceof Reading.CommandOutput c && c.exitCode() == 0) {
            try {
                List<JsonNode> products = PowerShellJson.objects(c.stdout());
                if (!products.isEmpty()) {
                    return fromSecurityCenter(products);
                }
            } catch (IOException e) {
                return Observation.unknown(ID, Finding.of(WindowsPhrase.AV_LIST_NOT_UNDERSTOOD, e.getMessage()), List.of(PRODUCTS));
            }
        }
        return fromDefender(evidence, r);
    }

    /** productState: bits 12-15 = product enabled (1), bits 4-7 of the low byte = signatures out of date (1). */
    private Observation fromSecurityCenter(List<JsonNode> products) {
        Map<String, String> details = new TreeMap<>();
        String activeName = null;
        boolean activeButStale = false;
        for (JsonNode p : products) {
            String name = PowerShellJson.text(p, "displayName").orElse("unnamed product");
            Optional<Long> state = PowerShellJson.number(p, "productState");
            if (state.isEmpty()) {
                details.put(name, "state unknown");
                continue;
            }
            boolean enabled = ((state.get() >> 12) & 0xF) == 1;
            boolean upToDate = ((state.get() >> 4) & 0xF) == 0;
            details.put(name, (enabled ? "on" : "off") + ", definitions " + (upToDate ? "up to date" : "out of date"));
            if (enabled && (activeName == null || activeButStale)) {
                activeName = name;
                activeButStale = !upToDate;
            }
        }
        if (activeName == null) {
            return Observation.off(ID, Finding.of(WindowsPhrase.AV_NONE_ON), List.of(PRODUCTS)).withDetails(details);
        }
        if (activeButStale) {
            return Observation.off(ID, Finding.of(WindowsPhrase.AV_STALE, activeName), List.of(PRODUCTS)).withDetails(details);
        }
        return Observation.on(ID, Finding.of(WindowsPhrase.AV_CURRENT, activeName), List.of(PRODUCTS)).withDetails(details);
    }

    private Observation fromDefender(Evidence evidence, Reading securityCenter) {
        List<String> ids = new ArrayList<>(List.of(PRODUCTS, DEFENDER));
        Reading d = evidence.read(DEFENDER);
        Optional<JsonNode> status = Optional.empty();
        if (d instanceof Reading.CommandOutput c && c.exitCode() == 0) {
            try {
                status = PowerShellJson.objects(c.stdout()).stream().findFirst();
            } catch (IOException e) {
                return Observation.unknown(ID, Finding.of(WindowsPhrase.DEFENDER_NOT_UNDERSTOOD), ids);
            }
        }
        if (status.isEmpty()) {
            return Observation.unknown(ID, Finding.of(WindowsPhrase.AV_UNREADABLE, securityCenter.problem(),
                    d.isOk() ? Finding.of(WindowsPhrase.DEFENDER_NO_STATUS) : d.problem()), ids);
        }
        JsonNode s = status.get();
        Map<String, String> details = new TreeMap<>();
        Optional<Boolean> service = PowerShellJson.bool(s, "AMServiceEnabled");
        Optional<Boolean> av = PowerShellJson.bool(s, "AntivirusEnabled");
        Optional<Boolean> realtime = PowerShellJson.bool(s, "RealTimeProtectionEnabled");
        Optional<Long> age = PowerShellJson.number(s, "AntivirusSignatureAge");
        details.put("AMServiceEnabled", service.map(String::valueOf).orElse("not reported"));
        details.put("AntivirusEnabled", av.map(String::valueOf).orElse("not reported"));
        details.put("RealTimeProtectionEnabled", realtime.map(String::valueOf).orElse("not reported"));
        details.put("AntivirusSignatureAge", age.map(a -> a + " days").orElse("not reported"));
        if (service.isEmpty() || av.isEmpty()) {
            return Observation.unknown(ID, Finding.of(WindowsPhrase.DEFENDER_SILENT), ids).withDetails(details);
        }
        if (!service.get() || !av.get() || realtime.map(rt -> !rt).orElse(false)) {
            // Defender steps back when another product takes over, and Security Center (which would name it) was unavailable.
            return Observation.unknown(ID, Finding.of(WindowsPhrase.DEFENDER_PASSIVE), ids).withDetails(details);
        }
        if (age.isPresent() && age.get() > MAX_SIGNATURE_AGE_DAYS) {
            return Observation.off(ID, Finding.of(WindowsPhrase.DEFENDER_STALE, age.get()), ids)
                    .withDetails(details);
        }
        return Observation.on(ID, age.map(a -> Finding.of(WindowsPhrase.DEFENDER_ON_AGED, a)).orElseGet(() -> Finding.of(WindowsPhrase.DEFENDER_ON)), ids)
                .withDetails(details);
    }
}
