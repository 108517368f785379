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
        List<Practice> practices,
        List<Fix> fixes) {

    /** A one-click fix the agent made recently, as it reports it (see {@code FixRecord}). */
    public record Fix(String practice, String fix, String at, String user, String outcome, Optional<String> verdictBefore,
                      String reasonBefore, Optional<String> verdictAfter, Optional<String> reasonAfter, Optional<String> problem) {
    }

    public record Device(String platform, Optional<String> osName, Optional<String> osVersion, Optional<String> deviceName,
                         Optional<String> hardwareModel, Optional<String> hardwareSerial, Optional<String> osId, Optional<String> osBuild) {
    }

    /**
     * One practice row: {@code verdict} is empty when the policy did not judge it; {@code dueBy}, the day a failure still
     * within its grace period becomes a FAIL.
     */
    public record Practice(String id, String state, Optional<String> verdict, String reason, List<String> evidence,
                           boolean notApplicable, java.util.OptionalLong value, boolean supported, boolean partial, Optional<String> dueBy,
                           Optional<String> requirement) {

        public Practice {
            evidence = List.copyOf(evidence);
        }
    }

    public ReportSummary {
        practices = List.copyOf(practices);
        fixes = List.copyOf(fixes);
    }

    private static final java.util.Set<String> OUTCOMES = java.util.Set.of("FIXED", "NOT_FIXED", "OPENED", "DECLINED", "FAILED");
    /** A device tells of its recent fixes; more than this in one report is not a device's doing. */
    private static final int MAX_FIXES = 100;

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
                    p.path("supported").asBoolean(true), p.path("partial").asBoolean(false), text(p, "dueBy"), text(p, "requirement")));
        }
        return new ReportSummary(root.path("agentVersion").asText(""), text(root, "scannedAt"),
                new Device(d.path("platform").asText(), text(d, "osName"), text(d, "osVersion"), text(d, "deviceName"),
                        text(d, "hardwareModel"), text(d, "hardwareSerial"), text(d, "osId"), text(d, "osBuild")),
                root.path("policy").path("name").asText(""), status, practices, fixes(root.path("fixes")));
    }

    private static List<Fix> fixes(JsonNode list) {
        if (list.isMissingNode() || list.isNull()) {
            return List.of();
        }
        if (!list.isArray() || list.size() > MAX_FIXES) {
            throw new IllegalArgumentException("fixes must be a list of at most " + MAX_FIXES + " fixes");
        }
        List<Fix> fixes = new ArrayList<>();
        for (JsonNode f : list) {
            String practice = f.path("practice").asText("");
            String outcome = f.path("outcome").asText("");
            Optional<String> before = text(f.path("before"), "verdict");
            Optional<String> after = text(f.path("after"), "verdict");
            if (practice.isEmpty() || practice.length() > 40 || !OUTCOMES.contains(outcome) || f.path("at").asText("").isEmpty()
                    || before.isPresent() && !VERDICTS.contains(before.get()) || after.isPresent() && !VERDICTS.contains(after.get())) {
                throw new IllegalArgumentException("fix of '" + practice + "' has no valid practice, time, outcome or verdict");
            }
            fixes.add(new Fix(practice, f.path("fix").asText(""), f.path("at").asText(), f.path("user").asText(""), outcome, before,
                    f.path("before").path("reason").asText(""), after, text(f.path("after"), "reason"), text(f, "problem")));
        }
        return fixes;
    }

    private static Optional<String> text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? Optional.empty() : Optional.of(v.asText());
    }
}
