package dev.auscult.sync;

import dev.auscult.posture.DeviceFacts;
import dev.auscult.posture.PracticeId;
import dev.auscult.posture.PracticeResult;
import dev.auscult.posture.ScanReport;
import dev.auscult.posture.State;
import dev.auscult.posture.Verdict;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A scan as J1 graph objects: the device (user_endpoint, classes Device/Host, with the data model's
 * posture booleans filled in), the agent (HostAgent) that MONITORS it, and one Finding per practice
 * that does not pass, which the device HAS. Keys follow the SDK's conventions.
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

    public static Graph of(ScanReport report, String deviceUuid, Optional<String> ownerEmail) {
        DeviceFacts d = report.device();
        long seen = report.scannedAt().map(java.time.Instant::toEpochMilli).orElse(0L);
        String name = d.deviceName().orElse(deviceUuid);
        String deviceKey = "auscult-device:" + deviceUuid;
        String agentKey = "auscult-agent:" + deviceUuid;

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
            case DARWIN -> "darwin";
            case WIN32 -> "windows";
            case LINUX -> "linux";
        });
        d.osName().ifPresent(v -> device.put("osName", v));
        d.osVersion().ifPresent(v -> device.put("osVersion", v));
        device.put("osDetails", (d.osName().orElse("") + " " + d.osVersion().orElse("") + d.osBuild().map(b -> " (" + b + ")").orElse("")).strip());
        d.deviceName().ifPresent(v -> device.put("hostname", v));
        ownerEmail.ifPresent(e -> {
            device.put("owner", e);
            device.put("userEmails", List.of(e));
        });
        putState(device, "encrypted", report, PracticeId.DISK_ENCRYPTION);
        putState(device, "firewallEnabled", report, PracticeId.FIREWALL);
        putState(device, "screenLockEnabled", report, PracticeId.SCREEN_LOCK);
        report.practice(PracticeId.SCREEN_IDLE).flatMap(p -> p.observation().value().isPresent()
                ? Optional.of(p.observation().value().getAsLong()) : Optional.empty()).ifPresent(v -> device.put("screenLockTimeout", v));
        putState(device, "remoteAccessEnabled", report, PracticeId.REMOTE_LOGIN);
        putState(device, "malwareProtected", report, PracticeId.ANTIVIRUS);
        putState(device, "autoSystemPatchEnabled", report, PracticeId.AUTOMATIC_UPDATES);
        report.practice(PracticeId.AUTOMATIC_UPDATES).filter(p -> p.observation().state() == State.ON)
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
        agent.put("policy", report.policy().name());
        agent.put("compliant", report.status().map(v -> v == Verdict.PASS).orElse(false));
        report.status().ifPresent(v -> agent.put("status", v.name()));
        ownerEmail.ifPresent(e -> agent.put("email", e));
        for (PracticeResult r : report.practices()) {
            r.verdict().ifPresent(v -> agent.put(r.practice().key(), v.name()));
        }

        List<Map<String, Object>> entities = new ArrayList<>(List.of(device, agent));
        List<Map<String, Object>> relationships = new ArrayList<>();
        relationships.add(relationship(agentKey, "MONITORS", deviceKey, "auscult_agent_monitors_user_endpoint"));
        for (PracticeResult r : report.practices()) {
            Verdict v = r.verdict().orElse(Verdict.PASS);
            if (v == Verdict.PASS) {
                continue;
            }
            String findingKey = "auscult-finding:" + deviceUuid + ":" + r.practice().key();
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("_key", findingKey);
            f.put("_type", "auscult_finding");
            f.put("_class", "Finding");
            f.put("name", r.practice().key() + " " + v.name().toLowerCase(java.util.Locale.ROOT));
            f.put("displayName", r.practice().key() + ": " + v.name() + " on " + name);
            f.put("category", "endpoint-compliance");
            f.put("severity", switch (v) {
                case FAIL -> "high";
                case UNKNOWN -> "medium";
                default -> "low";
            });
            f.put("numericSeverity", switch (v) {
                case FAIL -> 7;
                case UNKNOWN -> 4;
                default -> 2;
            });
            f.put("open", true);
            f.put("status", v.name());
            f.put("practice", r.practice().key());
            r.requirement().ifPresent(q -> f.put("requirement", q));
            f.put("description", r.reason());
            f.put("evidence", r.observation().evidence());
            f.put("assessment", "Auscult scan");
            f.put("targets", List.of(name));
            entities.add(f);
            relationships.add(relationship(deviceKey, "HAS", findingKey, "user_endpoint_has_auscult_finding"));
        }
        return new Graph(entities, relationships);
    }

    private static void putState(Map<String, Object> device, String property, ScanReport report, PracticeId id) {
        report.practice(id).map(p -> p.observation().state()).filter(s -> s != State.UNKNOWN)
                .ifPresent(s -> device.put(property, s == State.ON));
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
