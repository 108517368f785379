package dev.auscult.evidence;

import dev.auscult.posture.DeviceFacts;
import dev.auscult.posture.PracticeResult;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The evidence pack as CSV for spreadsheets and GRC tools: one row per practice (RFC 4180, CRLF), with the
 * device and scan on every row so rows from many devices can be stacked. The raw evidence stays in the JSON
 * and PDF; the row names its source IDs and the pack's digests.
 */
public final class EvidenceCsv {

    static final List<String> HEADER = List.of("device_name", "hardware_serial", "platform", "os_version", "scanned_at",
            "policy", "practice", "practice_name", "verdict", "state", "value", "requirement", "reason", "evidence_sources",
            "controls", "evidence_sha256", "snapshot_sha256");

    public String write(EvidencePack pack) {
        StringBuilder out = new StringBuilder();
        row(out, HEADER);
        DeviceFacts d = pack.report().device();
        for (EvidencePack.Practice p : pack.practices()) {
            PracticeResult r = p.result();
            row(out, List.of(d.deviceName().orElse(""), d.hardwareSerial().orElse(""), d.platform().key(), d.osVersion().orElse(""),
                    pack.scannedAt().map(Object::toString).orElse(""), pack.report().policy().name(), r.practice().key(), p.name(),
                    r.notApplicable() ? "NOT_APPLICABLE" : r.verdict().map(Enum::name).orElse(""), r.observation().state().name(),
                    r.observation().value().isPresent() ? Long.toString(r.observation().value().getAsLong()) : "",
                    r.requirement().orElse(""), r.reason(), String.join(";", r.observation().evidence()),
                    p.controls().stream().map(c -> c.framework() + ":" + c.id()).collect(Collectors.joining(";")),
                    pack.evidenceSha256(), pack.snapshotSha256()));
        }
        return out.toString();
    }

    private static void row(StringBuilder out, List<String> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(cell(cells.get(i)));
        }
        out.append("\r\n");
    }

    /**
     * Quoted when needed; a cell a spreadsheet would run as a formula (=, +, -, @, tab, CR first) gets a
     * leading apostrophe, since reasons and names come from the device and the policy.
     */
    static String cell(String value) {
        String v = value;
        if (!v.isEmpty() && "=+-@\t\r".indexOf(v.charAt(0)) >= 0) {
            v = "'" + v;
        }
        if (v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r")) {
            v = "\"" + v.replace("\"", "\"\"") + "\"";
        }
        return v;
    }
}
