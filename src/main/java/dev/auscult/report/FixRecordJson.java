package dev.auscult.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.auscult.posture.FixRecord;
import dev.auscult.posture.PracticeId;
import dev.auscult.posture.Verdict;
import java.util.Optional;

/**
 * A one-click fix's record as JSON — one shape wherever it goes: the report's {@code fixes} (scan-report/1), the
 * evidence pack, and the device's own list of recent fixes. An absent verdict or problem is {@code null}.
 */
public final class FixRecordJson {

    private FixRecordJson() {
    }

    /** Fills {@code n} with the record's fields, in the report's order. */
    public static ObjectNode write(ObjectNode n, FixRecord f) {
        n.put("practice", f.practice().key()).put("fix", f.fix()).put("at", f.at().toString()).put("user", f.user()).put("outcome", f.outcome().name());
        reading(n.putObject("before"), f.before());
        f.after().ifPresent(a -> reading(n.putObject("after"), a));
        n.put("problem", f.problem().orElse(null));
        return n;
    }

    private static void reading(ObjectNode n, FixRecord.Reading r) {
        n.put("verdict", r.verdict().map(Enum::name).orElse(null));
        n.put("reason", r.reason());
    }

    /** The record, or empty when the JSON is not one (a damaged entry is skipped by its reader, not the whole list). */
    public static Optional<FixRecord> read(JsonNode n) {
        try {
            return Optional.of(new FixRecord(PracticeId.fromKey(n.path("practice").asText()).orElseThrow(), n.path("fix").asText(),
                    java.time.Instant.parse(n.path("at").asText()), n.path("user").asText(), reading(n.path("before")).orElseThrow(),
                    reading(n.path("after")), FixRecord.Outcome.valueOf(n.path("outcome").asText()),
                    n.hasNonNull("problem") ? Optional.of(n.get("problem").asText()) : Optional.empty()));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private static Optional<FixRecord.Reading> reading(JsonNode n) {
        if (!n.isObject()) {
            return Optional.empty();
        }
        Optional<Verdict> v = n.hasNonNull("verdict") ? Optional.of(Verdict.valueOf(n.get("verdict").asText())) : Optional.empty();
        return Optional.of(new FixRecord.Reading(v, n.path("reason").asText()));
    }
}
