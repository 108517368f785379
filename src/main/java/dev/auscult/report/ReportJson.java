package dev.auscult.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.auscult.posture.ApplicationResult;
import dev.auscult.posture.DeviceFacts;
import dev.auscult.posture.Observation;
import dev.auscult.posture.PracticeResult;
import dev.auscult.posture.ScanReport;
import java.util.Optional;

/**
 * The {@code scan-report/1} JSON of a scan (docs/report-format.md). Field order is fixed and nothing in
 * it depends on the clock except {@code scannedAt}/{@code durationMillis}, so a replay is byte-stable.
 */
public final class ReportJson {

    public static final String FORMAT = "scan-report/1";

    private final ObjectMapper mapper = mapper();

    /**
     * JSON escapes C0 controls; C1 controls (U+0080–U+009F, e.g. the one-byte CSI) and bidi overrides pass
     * raw, and a terminal showing {@code scan --json} would obey them. Escape those too.
     */
    private static ObjectMapper mapper() {
        ObjectMapper m = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        m.getFactory().setCharacterEscapes(new com.fasterxml.jackson.core.io.CharacterEscapes() {
            private final int[] ascii = standardAsciiEscapesForJSON();

            @Override
            public int[] getEscapeCodesForAscii() {
                int[] codes = ascii.clone();
                codes[0x7f] = ESCAPE_STANDARD;
                return codes;
            }

            @Override
            public com.fasterxml.jackson.core.SerializableString getEscapeSequence(int ch) {
                boolean unsafe = (ch >= 0x80 && ch <= 0x9f) || (ch >= 0x202a && ch <= 0x202e) || (ch >= 0x2066 && ch <= 0x2069)
                        || ch == 0x2028 || ch == 0x2029;
                return unsafe ? new com.fasterxml.jackson.core.io.SerializedString(String.format("\\u%04x", ch)) : null;
            }
        });
        return m;
    }

    public ObjectNode tree(ScanReport report) {
        ObjectNode root = mapper.createObjectNode();
        root.put("format", FORMAT);
        root.put("agentVersion", report.agentVersion());
        report.scannedAt().ifPresent(t -> root.put("scannedAt", t.toString()));
        report.durationMillis().ifPresent(d -> root.put("durationMillis", d));
        device(root.putObject("device"), report.device());
        ObjectNode policy = root.putObject("policy");
        policy.put("source", report.policy().source());
        policy.put("name", report.policy().name());
        if (!report.policy().warnings().isEmpty()) {
            ArrayNode warnings = policy.putArray("warnings");
            report.policy().warnings().forEach(warnings::add);
        }
        put(root, "status", report.status().map(Enum::name));
        ArrayNode practices = root.putArray("practices");
        report.practices().forEach(p -> practice(practices.addObject(), p));
        return root;
    }

    public String write(ScanReport report) {
        try {
            return mapper.writeValueAsString(tree(report)) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a report tree could not be serialised", e);
        }
    }

    private static void device(ObjectNode d, DeviceFacts f) {
        d.put("platform", f.platform().key());
        put(d, "osName", f.osName());
        put(d, "osVersion", f.osVersion());
        put(d, "osBuild", f.osBuild());
        put(d, "osId", f.osId());
        put(d, "deviceId", f.deviceId());
        put(d, "deviceName", f.deviceName());
        put(d, "hardwareModel", f.hardwareModel());
        put(d, "hardwareSerial", f.hardwareSerial());
    }

    private static void practice(ObjectNode n, PracticeResult r) {
        Observation o = r.observation();
        n.put("id", o.practice().key());
        n.put("state", o.state().name());
        o.value().ifPresent(v -> n.put("value", v));
        put(n, "verdict", r.verdict().map(Enum::name));
        r.requirement().ifPresent(req -> n.put("requirement", req));
        n.put("reason", r.reason());
        ArrayNode ev = n.putArray("evidence");
        o.evidence().forEach(ev::add);
        if (!o.supported()) {
            n.put("supported", false);
        }
        if (r.notApplicable()) {
            n.put("notApplicable", true);
        }
        if (o.partial()) {
            n.put("partial", true);
        }
        if (!o.details().isEmpty()) {
            ObjectNode details = n.putObject("details");
            o.details().forEach(details::put);
        }
        if (!r.applications().isEmpty()) {
            ArrayNode apps = n.putArray("applications");
            r.applications().forEach(a -> application(apps.addObject(), a));
        }
    }

    private static void application(ObjectNode n, ApplicationResult a) {
        n.put("name", a.name());
        n.put("assertion", a.assertion());
        a.requiredVersion().ifPresent(v -> n.put("requiredVersion", v));
        put(n, "installedVersion", a.installedVersion());
        n.put("verdict", a.verdict().name());
        n.put("reason", a.reason());
    }

    private static void put(ObjectNode n, String field, Optional<String> value) {
        if (value.isPresent()) {
            n.put(field, value.get());
        } else {
            n.putNull(field);
        }
    }
}
