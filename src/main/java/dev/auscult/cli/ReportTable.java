package dev.auscult.cli;

import dev.auscult.posture.PracticeResult;
import dev.auscult.posture.ScanReport;
import dev.auscult.posture.Verdict;
import dev.auscult.report.TerminalText;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The human-readable scan result: worst first, one line per practice with its reason. */
final class ReportTable {

    private final CliText text;

    ReportTable(CliText text) {
        this.text = text;
    }

    String render(ScanReport report) {
        StringBuilder sb = new StringBuilder();
        var d = report.device();
        // Every value below comes from the device or a policy: neutralise control characters before a terminal sees them.
        String os = TerminalText.oneLine(d.osName().orElse(d.platform().displayName()));
        String version = TerminalText.oneLine(d.osVersion().orElse(text.get("table.versionUnknown")));
        sb.append(d.deviceName().map(n -> text.get("table.deviceOn", report.agentVersion(), os, version, TerminalText.oneLine(n)))
                .orElseGet(() -> text.get("table.device", report.agentVersion(), os, version))).append('\n');
        sb.append(text.get("table.policy", TerminalText.oneLine(report.policy().name()), TerminalText.oneLine(report.policy().source())))
                .append("\n\n");
        List<PracticeResult> rows = report.practices().stream()
                .sorted(Comparator.comparingInt(ReportTable::rank)).toList();
        int width = Math.max(rows.stream().mapToInt(r -> r.practice().key().length()).max().orElse(10), text.get("table.practice").length());
        int verdictWidth = Math.max(8, text.get("table.verdict").length());
        String row = "  %-" + verdictWidth + "s %-" + width + "s  %s%n";
        sb.append(String.format(row, text.get("table.verdict"), text.get("table.practice"), text.get("table.reason")));
        for (PracticeResult r : rows) {
            String verdict = r.verdict().map(Enum::name).orElse(r.notApplicable() ? text.get("table.notApplicable") : "-");
            sb.append(String.format(row, verdict, r.practice().key(), TerminalText.oneLine(text.finding(r.finding()))));
            r.applications().forEach(a -> sb.append(String.format("  %-" + verdictWidth + "s %-" + width + "s    %s%n", a.verdict().name(), "",
                    TerminalText.oneLine(text.finding(a.finding())))));
        }
        Map<Verdict, Long> counts = rows.stream().flatMap(r -> r.verdict().stream())
                .collect(Collectors.groupingBy(v -> v, Collectors.counting()));
        String overall = report.status().map(Enum::name).orElse(text.get("table.nothingEvaluated"));
        if (!counts.isEmpty()) {
            overall += " (" + counts.entrySet().stream().sorted(Map.Entry.<Verdict, Long>comparingByKey().reversed())
                    .map(e -> e.getValue() + " " + e.getKey().name()).collect(Collectors.joining(", ")) + ")";
        }
        String line = text.get("table.overall", overall);
        if (report.durationMillis().isPresent()) {
            line = text.get("table.inMillis", line, report.durationMillis().getAsLong());
        }
        return sb.append('\n').append(line).append('\n').toString();
    }

    /** FAIL, UNKNOWN, NUDGE, PASS, then practices the policy does not mention. */
    private static int rank(PracticeResult r) {
        return r.verdict().map(v -> switch (v) {
            case FAIL -> 0;
            case UNKNOWN -> 1;
            case NUDGE -> 2;
            case PASS -> 3;
        }).orElse(4);
    }
}
