package dev.auscult.app;

import dev.auscult.posture.ScanReport;
import dev.auscult.report.ReportJson;
import dev.auscult.report.TerminalText;
import dev.auscult.sync.ActivationRecord;
import dev.auscult.sync.Outbox;
import dev.auscult.sync.SentPayloads;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What leaves this device, in full: the last payload each destination accepted, the reports waiting, and
 * what is never collected; before activation, the payload the current scan would make. One text for the
 * CLI ({@code status --payload}) and the window. The token is never part of a payload (it travels as a
 * header), so it cannot appear here.
 */
public final class WhatIsSent {

    /** What the agent has no probe for at all — kept in step with the evidence sources (docs/evidence-sources.md). */
    public static final List<String> NEVER_COLLECTED = List.of(
            "the contents of your files, e-mail, messages or documents",
            "your browsing history, location, camera, microphone, screen or keystrokes",
            "your passwords, keys or tokens (the device's own token is sent only as a\n    request header, and is never shown here)",
            "the full list of your applications: only those the policy names are\n    reported, with their versions");

    /** The text, and the local files that could not be read (each in words; the rest is still shown). */
    public record Description(String text, List<String> problems) {
    }

    private final AgentServices services;

    public WhatIsSent(AgentServices services) {
        this.services = services;
    }

    /** @param currentScan the report a scan now gives (the CLI scans; the tray app passes its latest, if any) */
    public Description describe(Supplier<Optional<ScanReport>> currentScan) throws IOException {
        StringBuilder out = new StringBuilder();
        List<String> problems = new ArrayList<>();
        Optional<ActivationRecord> activation = services.syncState().activation();
        SentPayloads sent = services.sentPayloads();
        if (activation.isEmpty()) {
            out.append("This device is not activated: nothing is sent.\n");
            Optional<ScanReport> report = currentScan.get();
            if (report.isPresent()) {
                out.append("Once it is, each scan goes to the organisation's backend like this\n(made from the latest scan):\n\n");
                out.append(TerminalText.safe(sent.pretty(SentPayloads.backendPayload("(given at activation)", "(new for each report)",
                        new ReportJson().write(report.get()))))).append("\n\n");
            } else {
                out.append("Once it is, each scan goes to the organisation's backend;\nthe first scan's report will show here.\n\n");
            }
        } else {
            last(out, problems, sent, SentPayloads.Destination.BACKEND, activation.get().backend().toString());
        }
        if (services.config().jupiterOne().isPresent()) {
            last(out, problems, sent, SentPayloads.Destination.JUPITERONE, services.config().jupiterOne().get().baseUrl().toString());
        }
        List<Outbox.Entry> waiting = services.outbox().entries();
        out.append("Waiting to be sent: ").append(waiting.isEmpty() ? "nothing" : waiting.size() + " report(s)").append('\n');
        waiting.forEach(e -> out.append("  report ").append(TerminalText.oneLine(e.reportId())).append('\n'));
        out.append("\nNever collected:\n");
        NEVER_COLLECTED.forEach(n -> out.append("  - ").append(n).append('\n'));
        return new Description(out.toString(), List.copyOf(problems));
    }

    private static void last(StringBuilder out, List<String> problems, SentPayloads sent, SentPayloads.Destination d, String configured) {
        Optional<SentPayloads.Sent> last;
        try {
            last = sent.last(d);
        } catch (IOException e) {
            problems.add(TerminalText.oneLine(e.getMessage()));
            out.append("To ").append(d.label()).append(" (").append(TerminalText.oneLine(configured)).append("): the copy of the last payload ")
                    .append("cannot be read; the next upload replaces it.\n\n");
            return;
        }
        if (last.isEmpty()) {
            out.append("To ").append(d.label()).append(" (").append(TerminalText.oneLine(configured)).append("): nothing sent yet.\n\n");
            return;
        }
        SentPayloads.Sent s = last.get();
        out.append("To ").append(d.label()).append(" (").append(TerminalText.oneLine(s.endpoint().toString())).append("), last sent ")
                .append(s.sentAt()).append(":\n");
        out.append(TerminalText.safe(sent.pretty(s.payload()))).append("\n\n");
    }
}
