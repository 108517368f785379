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

    String render(ScanReport report) {
        StringBuilder sb = new StringBuilder();
        var d = report.device();
        // Every value below comes from the device or a policy: neutralise control characters before a terminal sees them.
        sb.append("Auscult ").append(report.agentVersion()).append(" — ")
                .append(TerminalText.oneLine(d.osName().orElse(d.platform().displayName()))).append(' ')
                .append(TerminalText.oneLine(d.osVersion().orElse("(version unknown)")))
                .append(d.deviceName().map(n -> " on " + TerminalText.oneLine(n)).orElse("")).append('\n');
        sb.append("Policy: ").append(TerminalText.oneLine(report.policy().name())).append(" (")
                .append(TerminalText.oneLine(report.policy().source())).append(")\n\n");
        List<PracticeResult> rows = report.practices().stream()
                .sorted(Comparator.comparingInt(ReportTable::rank)).toList();
        int width = rows.stream().mapToInt(r -> r.practice().key().length()).max().orElse(10);
        sb.append(String.format("  %-8s %-" + width + "s  %s%n", "VERDICT", "PRACTICE", "REASON"));
        for (PracticeResult r : rows) {
            String verdict = r.verdict().map(Enum::name).orElse(r.notApplicable() ? "n/a" : "-");
            sb.append(String.format("  %-8s %-" + width + "s  %s%n", verdict, r.practice().key(), TerminalText.oneLine(r.reason())));
            r.applications().forEach(a -> sb.append(String.format("  %-8s %-" + width + "s    %s%n", a.verdict().name(), "",
                    TerminalText.oneLine(a.reason()))));
        }
        Map<Verdict, Long> counts = rows.stream().flatMap(r -> r.verdict().stream())
                .collect(Collectors.groupingBy(v -> v, Collectors.counting()));
        sb.append('\n').append("Overall: ").append(report.status().map(Enum::name).orElse("nothing evaluated"));
        if (!counts.isEmpty()) {
            sb.append(" (").append(counts.entrySet().stream().sorted(Map.Entry.<Verdict, Long>comparingByKey().reversed())
                    .map(e -> e.getValue() + " " + e.getKey().name()).collect(Collectors.joining(", "))).append(')');
        }
        report.durationMillis().ifPresent(ms -> sb.append(" in ").append(ms).append(" ms"));
        return sb.append('\n').toString();
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
