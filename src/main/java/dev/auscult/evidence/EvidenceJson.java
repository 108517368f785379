package dev.auscult.evidence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.auscult.posture.DeviceFacts;
import dev.auscult.posture.PracticeResult;
import java.util.Optional;

/** The evidence pack as JSON ({@code evidence-pack/1}): fixed field order, so a replayed recording gives the same bytes. */
public final class EvidenceJson {

    private final ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public String write(EvidencePack pack) {
        ObjectNode root = mapper.createObjectNode();
        root.put("format", EvidencePack.FORMAT);
        root.put("generatedBy", pack.generatedBy());
        put(root, "scannedAt", pack.scannedAt().map(Object::toString));
        device(root.putObject("device"), pack.report().device());
        ObjectNode policy = root.putObject("policy");
        policy.put("name", pack.report().policy().name());
        policy.put("source", pack.report().policy().source());
        ObjectNode summary = root.putObject("summary");
        put(summary, "status", pack.report().status().map(Enum::name));
        pack.counts().forEach(summary::put);
        ArrayNode frameworks = root.putArray("frameworks");
        pack.frameworks().forEach(f -> frameworks.addObject().put("key", f.key()).put("name", f.name()).put("source", f.source()));
        put(root, "benchmark", pack.benchmark());
        ArrayNode practices = root.putArray("practices");
        for (EvidencePack.Practice p : pack.practices()) {
            practice(practices.addObject(), p);
        }
        if (!pack.report().fixes().isEmpty()) {
            // the device's recent one-click fixes: a changed setting has its trail (who, when, before, after)
            ArrayNode fixes = root.putArray("fixes");
            for (dev.auscult.posture.FixRecord f : pack.report().fixes()) {
                dev.auscult.report.FixRecordJson.write(fixes.addObject(), f);
            }
        }
        ObjectNode sources = root.putObject("sources");
        pack.sources().forEach((id, e) -> {
            ObjectNode s = sources.putObject(id);
            s.put("status", e.status());
            if (e.withheld()) {
                s.put("withheld", "personal data the organisation's backend does not receive");
            } else {
                s.put("text", e.text());
            }
            if (e.truncated()) {
                s.put("truncated", true);
            }
        });
        root.put("evidenceSha256", pack.evidenceSha256());
        root.put("snapshotSha256", pack.snapshotSha256());
        root.put("replay", pack.replayStatement());
        try {
            return mapper.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an evidence pack could not be serialised", e);
        }
    }

    private static void device(ObjectNode d, DeviceFacts f) {
        d.put("platform", f.platform().key());
        put(d, "deviceName", f.deviceName());
        put(d, "hardwareSerial", f.hardwareSerial());
        put(d, "hardwareModel", f.hardwareModel());
        put(d, "osName", f.osName());
        put(d, "osVersion", f.osVersion());
        put(d, "osBuild", f.osBuild());
        put(d, "deviceId", f.deviceId());
    }

    private static void practice(ObjectNode n, EvidencePack.Practice p) {
        PracticeResult r = p.result();
        n.put("id", r.practice().key());
        n.put("name", p.name());
        put(n, "verdict", r.verdict().map(Enum::name));
        if (r.notApplicable()) {
            n.put("notApplicable", true);
        }
        n.put("state", r.observation().state().name());
        if (r.observation().value().isPresent()) {
            n.put("value", r.observation().value().getAsLong());
        }
        put(n, "requirement", r.requirement());
        n.put("reason", r.reason());
        r.deadline().ifPresent(d -> n.put("failingSince", d.failingSince().toString()).put("dueBy", d.dueBy().toString()));
        ArrayNode evidence = n.putArray("evidence");
        r.observation().evidence().forEach(evidence::add);
        if (!r.observation().details().isEmpty()) {
            ObjectNode details = n.putObject("details");
            r.observation().details().forEach(details::put);
        }
        if (!r.applications().isEmpty()) {
            ArrayNode apps = n.putArray("applications");
            r.applications().forEach(a -> {
                ObjectNode app = apps.addObject().put("name", a.name()).put("assertion", a.assertion());
                a.requiredVersion().ifPresent(v -> app.put("requiredVersion", v));
                put(app, "installedVersion", a.installedVersion());
                app.put("verdict", a.verdict().name()).put("reason", a.reason());
            });
        }
        ArrayNode controls = n.putArray("controls");
        p.controls().forEach(c -> controls.addObject().put("framework", c.framework()).put("id", c.id()).put("why", c.why()));
    }

    private static void put(ObjectNode n, String field, Optional<String> value) {
        if (value.isPresent()) {
            n.put(field, value.get());
        } else {
            n.putNull(field);
        }
    }
}
