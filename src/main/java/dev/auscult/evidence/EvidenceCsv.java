package dev.auscult.evidence;

import dev.auscult.posture.DeviceFacts;
import dev.auscult.posture.PracticeResult;
import dev.auscult.report.SpreadsheetCsv;
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
        DeviceFacts d = pack.report().device();
        List<List<String>> rows = new java.util.ArrayList<>();
        for (EvidencePack.Practice p : pack.practices()) {
            PracticeResult r = p.result();
            rows.add(List.of(d.deviceName().orElse(""), d.hardwareSerial().orElse(""), d.platform().key(), d.osVersion().orElse(""),
                    pack.scannedAt().map(Object::toString).orElse(""), pack.report().policy().name(), r.practice().key(), p.name(),
                    r.notApplicable() ? "NOT_APPLICABLE" : r.verdict().map(Enum::name).orElse(""), r.observation().state().name(),
                    r.observation().value().isPresent() ? Long.toString(r.observation().value().getAsLong()) : "",
                    r.requirement().orElse(""), r.reason(), String.join(";", r.observation().evidence()),
                    p.controls().stream().map(c -> c.framework() + ":" + c.id()).collect(Collectors.joining(";")),
                    pack.evidenceSha256(), pack.snapshotSha256()));
        }
        // reasons and names come from the device and the policy: quoted and formula-defused like every export
        return SpreadsheetCsv.write(HEADER, rows);
    }
}
