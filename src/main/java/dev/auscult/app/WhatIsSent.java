package dev.auscult.app;

import dev.auscult.posture.Finding;
import dev.auscult.posture.ScanReport;
import dev.auscult.report.FindingText;
import dev.auscult.report.ReportJson;
import dev.auscult.report.TerminalText;
import dev.auscult.sync.ActivationRecord;
import dev.auscult.sync.Outbox;
import dev.auscult.sync.SentPayloads;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * What leaves this device, in full: the last payload each destination accepted, the reports waiting, and
 * what is never collected; before activation, the payload the current scan would make. One text for the
 * CLI ({@code status --payload}) and the window. The token is never part of a payload (it travels as a
 * header), so it cannot appear here.
 */
public final class WhatIsSent {

    /** What the agent has no probe for at all — kept in step with the evidence sources (docs/evidence-sources.md). */
    public static final List<WhatIsSentPhrase> NEVER_COLLECTED = List.of(WhatIsSentPhrase.NEVER_CONTENTS,
            WhatIsSentPhrase.NEVER_ACTIVITY, WhatIsSentPhrase.NEVER_SECRETS, WhatIsSentPhrase.NEVER_APP_LIST);

    /** The text, and the local files that could not be read (each in words; the rest is still shown). */
    public record Description(String text, List<String> problems) {
    }

    private final AgentServices services;

    public WhatIsSent(AgentServices services) {
        this.services = services;
    }

    /**
     * @param currentScan the report a scan now gives (the CLI scans; the tray app passes its latest, if any)
     * @param words       the person's language; the payloads themselves are shown exactly as sent
     */
    public Description describe(Supplier<Optional<ScanReport>> currentScan, FindingText words) throws IOException {
        Function<WhatIsSentPhrase, String> say = p -> words.say(Finding.of(p));
        StringBuilder out = new StringBuilder();
        List<String> problems = new ArrayList<>();
        Optional<ActivationRecord> activation = services.syncState().activation();
        SentPayloads sent = services.sentPayloads();
        if (activation.isEmpty()) {
            out.append(say.apply(WhatIsSentPhrase.NOT_ACTIVATED)).append('\n');
            Optional<ScanReport> report = currentScan.get();
            if (report.isPresent()) {
                out.append(say.apply(WhatIsSentPhrase.ONCE_ACTIVATED_LIKE_THIS)).append("\n\n");
                out.append(TerminalText.safe(sent.pretty(SentPayloads.backendPayload(say.apply(WhatIsSentPhrase.GIVEN_AT_ACTIVATION),
                        say.apply(WhatIsSentPhrase.NEW_FOR_EACH_REPORT),
                        new ReportJson().write(report.get()))))).append("\n\n");
            } else {
                out.append(say.apply(WhatIsSentPhrase.ONCE_ACTIVATED_FIRST_SCAN)).append("\n\n");
            }
        } else {
            last(out, problems, sent, SentPayloads.Destination.BACKEND, activation.get().backend().toString(), words);
        }
        if (services.config().jupiterOne().isPresent()) {
            last(out, problems, sent, SentPayloads.Destination.JUPITERONE, services.config().jupiterOne().get().baseUrl().toString(), words);
        }
        List<Outbox.Entry> waiting = services.outbox().entries();
        out.append(waiting.isEmpty() ? say.apply(WhatIsSentPhrase.NOTHING_WAITING)
                : words.say(Finding.of(WhatIsSentPhrase.REPORTS_WAITING, waiting.size()))).append('\n');
        waiting.forEach(e -> out.append(words.say(Finding.of(WhatIsSentPhrase.WAITING_REPORT, TerminalText.oneLine(e.reportId())))).append('\n'));
        out.append('\n').append(say.apply(WhatIsSentPhrase.NEVER_COLLECTED)).append('\n');
        NEVER_COLLECTED.forEach(n -> out.append("  - ").append(say.apply(n)).append('\n'));
        return new Description(out.toString(), List.copyOf(problems));
    }

    private static void last(StringBuilder out, List<String> problems, SentPayloads sent, SentPayloads.Destination d, String configured,
                             FindingText words) {
        Finding where = Finding.of(d == SentPayloads.Destination.BACKEND ? WhatIsSentPhrase.BACKEND : WhatIsSentPhrase.JUPITERONE);
        Optional<SentPayloads.Sent> last;
        try {
            last = sent.last(d);
        } catch (IOException e) {
            problems.add(TerminalText.oneLine(e.getMessage()));
            out.append(words.say(Finding.of(WhatIsSentPhrase.LAST_UNREADABLE, where, TerminalText.oneLine(configured)))).append("\n\n");
            return;
        }
        if (last.isEmpty()) {
            out.append(words.say(Finding.of(WhatIsSentPhrase.NOTHING_SENT_YET, where, TerminalText.oneLine(configured)))).append("\n\n");
            return;
        }
        SentPayloads.Sent s = last.get();
        out.append(words.say(Finding.of(WhatIsSentPhrase.LAST_SENT, where, TerminalText.oneLine(s.endpoint().toString()), s.sentAt().toString())))
                .append('\n');
        out.append(TerminalText.safe(sent.pretty(s.payload()))).append("\n\n");
    }
}
