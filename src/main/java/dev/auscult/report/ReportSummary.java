package dev.auscult.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads a {@code scan-report/1} document back (the backend stores and summarises what agents send): the
 * overall status, the device facts and each practice's state and verdict. Refuses anything that is not
 * that format, with the reason.
 */
public record ReportSummary(
        String agentVersion,
        Optional<String> scannedAt,
        Device device,
        String policyName,
        Optional<String> status,
        List<Practice> practices) {

    public record Device(String platform, Optional<String> osName, Optional<String> osVersion, Optional<String> deviceName,
                         Optional<String> hardwareModel, Optional<String> hardwareSerial, Optional<String> osId) {
    }

    /**
     * One practice row: {@code verdict} is empty when the policy did not judge it; {@code dueBy}, the day a failure still
     * within its grace period becomes a FAIL.
     */
    public record Practice(String id, String state, Optional<String> verdict, String reason, List<String> evidence,
                           boolean notApplicable, java.util.OptionalLong value, boolean supported, boolean partial, Optional<String> dueBy) {

        public Practice {
            evidence = List.copyOf(evidence);
        }
    }

    public ReportSummary {
        practices = List.copyOf(practices);
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final java.util.Set<String> VERDICTS = java.util.Set.of("PASS", "NUDGE", "UNKNOWN", "FAIL");
    private static final java.util.Set<String> STATES = java.util.Set.of("ON", "OFF", "UNKNOWN");

    /** Parses and checks a report; the exception's message says what is wrong. */
    public static ReportSummary parse(String json) throws IllegalArgumentException {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the report is not valid JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("the report must be a JSON object");
        }
        if (!ReportJson.FORMAT.equals(root.path("format").asText())) {
            throw new IllegalArgumentException("the report's format is '" + root.path("format").asText() + "', expected " + ReportJson.FORMAT);
        }
        JsonNode d = root.path("device");
        if (!d.isObject() || !d.path("platform").isTextual()) {
            throw new IllegalArgumentException("the report has no device.platform");
        }
        Optional<String> status = text(root, "status");
        if (status.isPresent() && !VERDICTS.contains(status.get())) {
            throw new IllegalArgumentException("status '" + status.get() + "' is not a verdict");
        }
        if (!root.path("practices").isArray()) {
            throw new IllegalArgumentException("the report has no practices list");
        }
        List<Practice> practices = new ArrayList<>();
        for (JsonNode p : root.path("practices")) {
            String id = p.path("id").asText("");
            String state = p.path("state").asText("");
            Optional<String> verdict = text(p, "verdict");
            if (id.isEmpty() || id.length() > 40 || !STATES.contains(state) || verdict.isPresent() && !VERDICTS.contains(verdict.get())) {
                throw new IllegalArgumentException("practice '" + id + "' has no valid id, state or verdict");
            }
            List<String> evidence = new ArrayList<>();
            p.path("evidence").forEach(e -> evidence.add(e.asText()));
            practices.add(new Practice(id, state, verdict, p.path("reason").asText(""), evidence, p.path("notApplicable").asBoolean(false),
                    p.path("value").canConvertToLong() ? java.util.OptionalLong.of(p.path("value").asLong()) : java.util.OptionalLong.empty(),
                    p.path("supported").asBoolean(true), p.path("partial").asBoolean(false), text(p, "dueBy")));
        }
        return new ReportSummary(root.path("agentVersion").asText(""), text(root, "scannedAt"),
                new Device(d.path("platform").asText(), text(d, "osName"), text(d, "osVersion"), text(d, "deviceName"),
                        text(d, "hardwareModel"), text(d, "hardwareSerial"), text(d, "osId")),
                root.path("policy").path("name").asText(""), status, practices);
    }

    private static Optional<String> text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? Optional.empty() : Optional.of(v.asText());
    }
}
