package dev.auscult.app;

import dev.auscult.posture.ScanReport;
import dev.auscult.report.ReportJson;
import java.util.List;
import java.util.Optional;

/** What "Copy debug info" puts on the clipboard: version, OS, the last report, the last log lines. */
public final class DebugInfo {

    private DebugInfo() {
    }

    public static String text(String version, Optional<ScanReport> report, List<String> logTail) {
        StringBuilder sb = new StringBuilder();
        sb.append("Auscult ").append(version).append('\n');
        sb.append("OS: ").append(System.getProperty("os.name")).append(' ').append(System.getProperty("os.version"))
                .append(" (").append(System.getProperty("os.arch")).append(")\n");
        sb.append("Java: ").append(System.getProperty("java.runtime.version")).append("\n\n");
        sb.append("Last report:\n").append(report.map(r -> new ReportJson().write(r)).orElse("(no scan yet)\n"));
        sb.append("\nLast log lines:\n");
        logTail.forEach(l -> sb.append(l).append('\n'));
        return sb.toString();
    }
}
