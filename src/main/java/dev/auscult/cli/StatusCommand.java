package dev.auscult.cli;

import dev.auscult.app.AgentServices;
import dev.auscult.sync.ActivationRecord;
import dev.auscult.sync.SyncStateStore;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code auscult status}: activation, backend, uploads and their queue — never the token. */
@Command(name = "status", mixinStandardHelpOptions = true, description = "Show activation and reporting status.")
final class StatusCommand implements Callable<Integer> {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @CommandLine.Option(names = "--payload", description = "Show exactly what was last sent to each destination, what waits to be sent, "
            + "and what is never collected (before activation: what would be sent). Never the token.")
    private boolean payload;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        AgentServices s = AgentServices.forThisUser();
        if (payload) {
            return payload(s, out);
        }
        Optional<ActivationRecord> a;
        try {
            a = s.syncState().activation();
        } catch (IOException e) {
            spec.commandLine().getErr().println("auscult status: " + e.getMessage());
            return ExitCodes.INVALID_INPUT;
        }
        SyncStateStore.SyncState st = s.syncState().state();
        out.println("Activated:       " + a.map(r -> "yes, since " + r.activatedAt()).orElse("no"));
        a.ifPresent(r -> {
            out.println("Account:         " + r.accountId());
            out.println("Owner:           " + r.email());
            out.println("Device:          " + r.deviceId());
            out.println("Backend:         " + r.backend());
        });
        out.println("Token stored in: " + s.credentials().description());
        out.println("Policy:          " + st.policyVersion().map(v -> "from the backend, version " + v).orElse("local (bundled or file)"));
        s.policySync().cached().ifPresent(p -> p.policy().warnings()
                .forEach(w -> out.println("Policy warning:  " + dev.auscult.report.TerminalText.oneLine(w))));
        out.println("Last upload:     " + st.lastUploadAt().map(Object::toString).orElse("never"));
        out.println("Waiting reports: " + s.outbox().entries().size());
        if (st.droppedReports() > 0) {
            out.println("Dropped reports: " + st.droppedReports() + " (superseded while offline)");
        }
        out.println("Last error:      " + dev.auscult.report.TerminalText.oneLine(st.lastError().orElse("none")));
        if (st.reactivationNeeded()) {
            out.println("Action needed:   activate this device again (the backend no longer accepts its token)");
        }
        return ExitCodes.PASS;
    }

    private int payload(AgentServices s, PrintWriter out) {
        dev.auscult.app.WhatIsSent.Description d;
        java.util.List<String> problems = new java.util.ArrayList<>();
        try {
            d = new dev.auscult.app.WhatIsSent(s).describe(() -> scanNow(s, problems));
        } catch (IOException e) {
            spec.commandLine().getErr().println("auscult status: " + dev.auscult.report.TerminalText.oneLine(e.getMessage()));
            return ExitCodes.INVALID_INPUT;
        }
        out.print(d.text());
        problems.addAll(d.problems());
        problems.forEach(p -> spec.commandLine().getErr().println("auscult status: " + p));
        return problems.isEmpty() ? ExitCodes.PASS : ExitCodes.INVALID_INPUT;
    }

    /** What would be sent now: a scan with the policy the tray app would use; none if that policy cannot be read (said). */
    private static Optional<dev.auscult.posture.ScanReport> scanNow(AgentServices s, java.util.List<String> problems) {
        try {
            var choice = s.policySource(new dev.auscult.policy.PolicyLoader()).current();
            return Optional.of(s.scans().scanThisMachine(choice.policy(), choice.ref()).report());
        } catch (dev.auscult.policy.PolicyException e) {
            problems.add(dev.auscult.report.TerminalText.oneLine(e.getMessage()));
            return Optional.empty();
        }
    }
}
