package dev.auscult.sync;

import dev.auscult.posture.PracticeId;
import dev.auscult.posture.ScanReport;
import dev.auscult.report.ReportJson;
import dev.auscult.report.ReportSummary;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A scan as J1 graph objects: the device (user_endpoint, classes Device/Host, with the data model's
 * posture booleans filled in), the agent (HostAgent) that MONITORS it, and one Finding per practice
 * that does not pass, which the device HAS. Keys follow the SDK's conventions. Mapped from the report as it
 * is sent ({@code scan-report/1}, read back by {@link ReportSummary}), so the agent's own upload and the server's
 * (one credential for the whole organisation) write the very same graph.
 */
public final class JupiterOneEntities {

    /** Entities and relationships for one upload. */
    public record Graph(List<Map<String, Object>> entities, List<Map<String, Object>> relationships) {
    }

    private JupiterOneEntities() {
    }

    public static String scope(String deviceUuid) {
        return "auscult:" + deviceUuid;
    }

    /** The agent's scan: the report exactly as it is sent. */
    public static Graph of(ScanReport report, String deviceUuid, Optional<String> ownerEmail) {
        return of(ReportSummary.parse(new ReportJson().write(report)), deviceUuid, ownerEmail);
    }

    /** A report as sent: what the server holds for each device. */
    public static Graph of(ReportSummary report, String deviceUuid, Optional<String> ownerEmail) {
        ReportSummary.Device d = report.device();
        long seen = report.scannedAt().map(t -> java.time.Instant.parse(t).toEpochMilli()).orElse(0L);
        String name = d.deviceName().orElse(deviceUuid);
        String deviceKey = "auscult-device:" + deviceUuid;
        String agentKey = "auscult-agent:" + deviceUuid;
        Map<String, ReportSummary.Practice> practices = new LinkedHashMap<>();
        report.practices().forEach(p -> practices.put(p.id(), p));

        Map<String, Object> device = new LinkedHashMap<>();
        device.put("_key", deviceKey);
        device.put("_type", "user_endpoint");
        device.put("_class", List.of("Device", "Host"));
        device.put("name", name);
        device.put("displayName", name);
        device.put("category", "endpoint");
        device.put("make", d.hardwareModel().orElse("unknown"));
        device.put("model", d.hardwareModel().orElse("unknown"));
        device.put("serial", d.hardwareSerial().orElse("unknown"));
        device.put("deviceId", deviceUuid);
        d.hardwareModel().ifPresent(v -> device.put("hardwareModel", v));
        d.hardwareSerial().ifPresent(v -> device.put("hardwareSerial", v));
        device.put("platform", switch (d.platform()) {
            case "win32" -> "windows";
            default -> d.platform();
        });
        d.osName().ifPresent(v -> device.put("osName", v));
        d.osVersion().ifPresent(v -> device.put("osVersion", v));
        device.put("osDetails", (d.osName().orElse("") + " " + d.osVersion().orElse("") + d.osBuild().map(b -> " (" + b + ")").orElse("")).strip());
        d.deviceName().ifPresent(v -> device.put("hostname", v));
        ownerEmail.ifPresent(e -> {
            device.put("owner", e);
            device.put("userEmails", List.of(e));
        });
        putState(device, "encrypted", practices.get(PracticeId.DISK_ENCRYPTION.key()));
        putState(device, "firewallEnabled", practices.get(PracticeId.FIREWALL.key()));
        putState(device, "screenLockEnabled", practices.get(PracticeId.SCREEN_LOCK.key()));
        Optional.ofNullable(practices.get(PracticeId.SCREEN_IDLE.key())).filter(p -> p.value().isPresent())
                .ifPresent(p -> device.put("screenLockTimeout", p.value().getAsLong()));
        putState(device, "remoteAccessEnabled", practices.get(PracticeId.REMOTE_LOGIN.key()));
        putState(device, "malwareProtected", practices.get(PracticeId.ANTIVIRUS.key()));
        putState(device, "autoSystemPatchEnabled", practices.get(PracticeId.AUTOMATIC_UPDATES.key()));
        Optional.ofNullable(practices.get(PracticeId.AUTOMATIC_UPDATES.key())).filter(p -> p.state().equals("ON"))
                .ifPresent(p -> device.put("autoSecurityPatchEnabled", true));
        device.put("lastSeenOn", seen);
        device.put("status", "deployed");

        Map<String, Object> agent = new LinkedHashMap<>();
        agent.put("_key", agentKey);
        agent.put("_type", "auscult_agent");
        agent.put("_class", "HostAgent");
        agent.put("name", "Auscult");
        agent.put("displayName", "Auscult on " + name);
        agent.put("function", List.of("endpoint-compliance"));
        agent.put("lastSeenOn", seen);
        agent.put("lastReport", seen);
        agent.put("agentVersion", report.agentVersion());
        agent.put("policy", report.policyName());
        agent.put("compliant", report.status().map("PASS"::equals).orElse(false));
        report.status().ifPresent(v -> agent.put("status", v));
        ownerEmail.ifPresent(e -> agent.put("email", e));
        for (ReportSummary.Practice r : report.practices()) {
            r.verdict().ifPresent(v -> agent.put(r.id(), v));
        }

        List<Map<String, Object>> entities = new ArrayList<>(List.of(device, agent));
        List<Map<String, Object>> relationships = new ArrayList<>();
        relationships.add(relationship(agentKey, "MONITORS", deviceKey, "auscult_agent_monitors_user_endpoint"));
        for (ReportSummary.Practice r : report.practices()) {
            String v = r.verdict().orElse("PASS");
            if (v.equals("PASS")) {
                continue;
            }
            String findingKey = "auscult-finding:" + deviceUuid + ":" + r.id();
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("_key", findingKey);
            f.put("_type", "auscult_finding");
            f.put("_class", "Finding");
            f.put("name", r.id() + " " + v.toLowerCase(java.util.Locale.ROOT));
            f.put("displayName", r.id() + ": " + v + " on " + name);
            f.put("category", "endpoint-compliance");
            f.put("severity", switch (v) {
                case "FAIL" -> "high";
                case "UNKNOWN" -> "medium";
                default -> "low";
            });
            f.put("numericSeverity", switch (v) {
                case "FAIL" -> 7;
                case "UNKNOWN" -> 4;
                default -> 2;
            });
            f.put("open", true);
            f.put("status", v);
            f.put("practice", r.id());
            r.requirement().ifPresent(q -> f.put("requirement", q));
            f.put("description", r.reason());
            f.put("evidence", r.evidence());
            f.put("assessment", "Auscult scan");
            f.put("targets", List.of(name));
            entities.add(f);
            relationships.add(relationship(deviceKey, "HAS", findingKey, "user_endpoint_has_auscult_finding"));
        }
        return new Graph(entities, relationships);
    }

    private static void putState(Map<String, Object> device, String property, ReportSummary.Practice practice) {
        Optional.ofNullable(practice).map(ReportSummary.Practice::state).filter(s -> !s.equals("UNKNOWN"))
                .ifPresent(s -> device.put(property, s.equals("ON")));
    }

    private static Map<String, Object> relationship(String from, String clazz, String to, String type) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("_key", from + "|" + clazz.toLowerCase(java.util.Locale.ROOT) + "|" + to);
        r.put("_type", type);
        r.put("_class", clazz);
        r.put("_fromEntityKey", from);
        r.put("_toEntityKey", to);
        return r;
    }
}
