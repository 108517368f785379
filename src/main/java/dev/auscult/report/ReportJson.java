package dev.auscult.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.auscult.posture.ApplicationResult;
import dev.auscult.posture.DeviceFacts;
import dev.auscult.posture.Observation;
import dev.auscult.posture.PracticeResult;
import dev.auscult.posture.ScanReport;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code scan-report/1} JSON of a scan (docs/report-format.md). Field order is fixed and nothing in
 * it depends on the clock except {@code scannedAt}/{@code durationMillis}, so a replay is byte-stable.
 * Written with Jackson's streaming generator alone: {@code auscult scan --json} then never loads
 * Jackson's object mapper (some 440 classes, a fifth of a cold scan's start-up).
 */
public final class ReportJson {

    public static final String FORMAT = "scan-report/1";

    private static final JsonFactory FACTORY = factory();

    /**
     * JSON escapes C0 controls; C1 controls (U+0080–U+009F, e.g. the one-byte CSI) and bidi overrides pass
     * raw, and a terminal showing {@code scan --json} would obey them. Escape those too.
     */
    private static JsonFactory factory() {
        // a mapping factory: the generator can write a fix record's tree (FixRecordJson, shared with the evidence pack)
        JsonFactory f = new com.fasterxml.jackson.databind.MappingJsonFactory();
        f.setCharacterEscapes(new com.fasterxml.jackson.core.io.CharacterEscapes() {
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
        return f;
    }

    public String write(ScanReport report) {
        StringWriter out = new StringWriter(4096);
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.useDefaultPrettyPrinter();
            write(g, report);
        } catch (IOException e) {
            throw new UncheckedIOException("a report could not be serialised", e);
        }
        return out + "\n";
    }

    private static void write(JsonGenerator g, ScanReport report) throws IOException {
        g.writeStartObject();
        g.writeStringField("format", FORMAT);
        g.writeStringField("agentVersion", report.agentVersion());
        if (report.scannedAt().isPresent()) {
            g.writeStringField("scannedAt", report.scannedAt().get().toString());
        }
        if (report.durationMillis().isPresent()) {
            g.writeNumberField("durationMillis", report.durationMillis().getAsLong());
        }
        g.writeObjectFieldStart("device");
        device(g, report.device());
        g.writeEndObject();
        g.writeObjectFieldStart("policy");
        g.writeStringField("source", report.policy().source());
        g.writeStringField("name", report.policy().name());
        if (!report.policy().warnings().isEmpty()) {
            g.writeArrayFieldStart("warnings");
            for (String w : report.policy().warnings()) {
                g.writeString(w);
            }
            g.writeEndArray();
        }
        g.writeEndObject();
        put(g, "status", report.status().map(Enum::name));
        g.writeArrayFieldStart("practices");
        for (PracticeResult p : report.practices()) {
            practice(g, p);
        }
        g.writeEndArray();
        if (!report.fixes().isEmpty()) {
            // an added field: scan-report/1 readers that do not know it keep working
            g.writeArrayFieldStart("fixes");
            for (dev.auscult.posture.FixRecord f : report.fixes()) {
                fix(g, f);
            }
            g.writeEndArray();
        }
        g.writeEndObject();
    }

    private static void fix(JsonGenerator g, dev.auscult.posture.FixRecord f) throws IOException {
        g.writeTree(FixRecordJson.write(com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode(), f));
    }

    private static void device(JsonGenerator g, DeviceFacts f) throws IOException {
        g.writeStringField("platform", f.platform().key());
        put(g, "osName", f.osName());
        put(g, "osVersion", f.osVersion());
        put(g, "osBuild", f.osBuild());
        put(g, "osId", f.osId());
        put(g, "deviceId", f.deviceId());
        put(g, "deviceName", f.deviceName());
        put(g, "hardwareModel", f.hardwareModel());
        put(g, "hardwareSerial", f.hardwareSerial());
    }

    private static void practice(JsonGenerator g, PracticeResult r) throws IOException {
        Observation o = r.observation();
        g.writeStartObject();
        g.writeStringField("id", o.practice().key());
        g.writeStringField("state", o.state().name());
        if (o.value().isPresent()) {
            g.writeNumberField("value", o.value().getAsLong());
        }
        put(g, "verdict", r.verdict().map(Enum::name));
        if (r.requirement().isPresent()) {
            g.writeStringField("requirement", r.requirement().get());
        }
        g.writeStringField("reason", r.reason());
        if (r.deadline().isPresent()) {
            // added fields, so scan-report/1 readers that do not know them keep working
            g.writeStringField("failingSince", r.deadline().get().failingSince().toString());
            g.writeStringField("dueBy", r.deadline().get().dueBy().toString());
        }
        g.writeArrayFieldStart("evidence");
        for (String id : o.evidence()) {
            g.writeString(id);
        }
        g.writeEndArray();
        if (!o.supported()) {
            g.writeBooleanField("supported", false);
        }
        if (r.notApplicable()) {
            g.writeBooleanField("notApplicable", true);
        }
        if (o.partial()) {
            g.writeBooleanField("partial", true);
        }
        if (!o.details().isEmpty()) {
            g.writeObjectFieldStart("details");
            for (Map.Entry<String, String> d : o.details().entrySet()) {
                g.writeStringField(d.getKey(), d.getValue());
            }
            g.writeEndObject();
        }
        if (!r.applications().isEmpty()) {
            g.writeArrayFieldStart("applications");
            for (ApplicationResult a : r.applications()) {
                application(g, a);
            }
            g.writeEndArray();
        }
        g.writeEndObject();
    }

    private static void application(JsonGenerator g, ApplicationResult a) throws IOException {
        g.writeStartObject();
        g.writeStringField("name", a.name());
        g.writeStringField("assertion", a.assertion());
        if (a.requiredVersion().isPresent()) {
            g.writeStringField("requiredVersion", a.requiredVersion().get());
        }
        put(g, "installedVersion", a.installedVersion());
        g.writeStringField("verdict", a.verdict().name());
        g.writeStringField("reason", a.reason());
        g.writeEndObject();
    }

    private static void put(JsonGenerator g, String field, Optional<String> value) throws IOException {
        if (value.isPresent()) {
            g.writeStringField(field, value.get());
        } else {
            g.writeNullField(field);
        }
    }
}
