package dev.auscult.cli;

import dev.auscult.app.AgentServices;
import dev.auscult.policy.PolicyLoader;
import dev.auscult.posture.PolicyRef;
import dev.auscult.report.ReportJson;
import dev.auscult.report.TerminalText;
import dev.auscult.sync.ActivationRecord;
import dev.auscult.sync.Outbox;
import dev.auscult.sync.PolicySync;
import dev.auscult.sync.SentPayloads;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;

/**
 * {@code auscult status --payload}: what leaves this device, in full — the last payload each destination
 * accepted, the reports waiting, and what is never collected. Before activation, the payload a scan now
 * would make. The token is never part of a payload (it travels as a header), so it cannot appear here.
 */
final class PayloadView {

    /** What the agent has no probe for at all — kept in step with the evidence sources (docs/evidence-sources.md). */
    static final List<String> NEVER_COLLECTED = List.of(
            "the contents of your files, e-mail, messages or documents",
            "your browsing history, location, camera, microphone, screen or keystrokes",
            "your passwords, keys or tokens (the device's own token is sent only as a request header, and is never shown here)",
            "the full list of your applications: only those the policy names are reported, with their versions");

    private final AgentServices services;

    PayloadView(AgentServices services) {
        this.services = services;
    }

    int print(PrintWriter out, PrintWriter err) throws IOException {
        Optional<ActivationRecord> activation;
        try {
            activation = services.syncState().activation();
        } catch (IOException e) {
            err.println("auscult status: " + TerminalText.oneLine(e.getMessage()));
            return ExitCodes.INVALID_INPUT;
        }
        SentPayloads sent = services.sentPayloads();
        boolean problem = false;
        if (activation.isEmpty()) {
            out.println("This device is not activated: nothing is sent.");
            out.println("Once it is, each scan goes to the organisation's backend like this (made from a scan just now):");
            out.println();
            out.print(TerminalText.safe(sent.pretty(SentPayloads.backendPayload("(given at activation)", "(new for each report)",
                    new ReportJson().write(scanNow())))));
            out.println();
            out.println();
        } else {
            problem |= !printLast(out, err, sent, SentPayloads.Destination.BACKEND, activation.get().backend().toString());
        }
        if (services.config().jupiterOne().isPresent()) {
            problem |= !printLast(out, err, sent, SentPayloads.Destination.JUPITERONE, services.config().jupiterOne().get().baseUrl().toString());
        }
        List<Outbox.Entry> waiting = services.outbox().entries();
        out.println("Waiting to be sent: " + (waiting.isEmpty() ? "nothing" : waiting.size() + " report(s)"));
        waiting.forEach(e -> out.println("  report " + TerminalText.oneLine(e.reportId())));
        out.println();
        out.println("Never collected:");
        NEVER_COLLECTED.forEach(n -> out.println("  - " + n));
        return problem ? ExitCodes.INVALID_INPUT : ExitCodes.PASS;
    }

    /** Prints the last delivery to {@code d}; false when the kept copy is damaged (said on stderr). */
    private static boolean printLast(PrintWriter out, PrintWriter err, SentPayloads sent, SentPayloads.Destination d, String configured) {
        Optional<SentPayloads.Sent> last;
        try {
            last = sent.last(d);
        } catch (IOException e) {
            err.println("auscult status: " + TerminalText.oneLine(e.getMessage()));
            return false;
        }
        if (last.isEmpty()) {
            out.println("To " + d.label() + " (" + TerminalText.oneLine(configured) + "): nothing sent yet.");
            out.println();
            return true;
        }
        SentPayloads.Sent s = last.get();
        out.println("To " + d.label() + " (" + TerminalText.oneLine(s.endpoint().toString()) + "), last sent " + s.sentAt() + ":");
        out.print(TerminalText.safe(sent.pretty(s.payload())));
        out.println();
        out.println();
        return true;
    }

    private dev.auscult.posture.ScanReport scanNow() {
        Optional<PolicySync.BackendPolicy> cached = services.policySync().cached();
        var policy = cached.map(PolicySync.BackendPolicy::policy).orElseGet(() -> new PolicyLoader().bundled());
        return services.scans().scanThisMachine(policy, new PolicyRef(cached.isPresent() ? "backend" : "bundled default", policy.name())).report();
    }
}
