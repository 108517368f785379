package dev.auscult.cli;

import dev.auscult.app.AgentServices;
import dev.auscult.sync.ActivationRecord;
import dev.auscult.sync.SyncStateStore;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine;

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
        CliText text = AuscultCommand.text(spec);
        java.util.List<String[]> lines = new java.util.ArrayList<>();
        lines.add(new String[] {text.get("status.activated"), a.map(r -> text.get("status.yesSince", r.activatedAt())).orElse(text.get("status.no"))});
        a.ifPresent(r -> {
            lines.add(new String[] {text.get("status.account"), r.accountId()});
            lines.add(new String[] {text.get("status.owner"), r.email()});
            lines.add(new String[] {text.get("status.device"), r.deviceId()});
            lines.add(new String[] {text.get("status.backend"), r.backend().toString()});
        });
        lines.add(new String[] {text.get("status.tokenIn"), s.credentials().description()});
        lines.add(new String[] {text.get("status.policy"),
                st.policyVersion().map(v -> text.get("status.policyFromBackend", v)).orElse(text.get("status.policyLocal"))});
        s.policySync().cached().ifPresent(p -> p.policy().warnings()
                .forEach(w -> lines.add(new String[] {text.get("status.policyWarning"), dev.auscult.report.TerminalText.oneLine(w)})));
        lines.add(new String[] {text.get("status.lastUpload"), st.lastUploadAt().map(Object::toString).orElse(text.get("status.never"))});
        lines.add(new String[] {text.get("status.waiting"), String.valueOf(s.outbox().entries().size())});
        if (st.droppedReports() > 0) {
            lines.add(new String[] {text.get("status.dropped"), text.get("status.droppedWhy", st.droppedReports())});
        }
        int setAside = s.outbox().setAsideCount();
        if (setAside > 0) {
            lines.add(new String[] {text.get("status.setAside"), text.get("status.setAsideWhy", setAside, s.outbox().setAsideDirectory().toString())});
        }
        lines.add(new String[] {text.get("status.lastError"), dev.auscult.report.TerminalText.oneLine(st.lastError().orElse(text.get("status.none")))});
        if (st.reactivationNeeded()) {
            lines.add(new String[] {text.get("status.actionNeeded"), text.get("status.reactivate")});
        }
        // labels in a column as wide as this language's longest
        int width = lines.stream().mapToInt(l -> l[0].length()).max().orElse(0) + 1;
        lines.forEach(l -> out.println(String.format("%-" + width + "s%s", l[0], l[1])));
        return ExitCodes.PASS;
    }

    private int payload(AgentServices s, PrintWriter out) {
        dev.auscult.app.WhatIsSent.Description d;
        java.util.List<String> problems = new java.util.ArrayList<>();
        try {
            d = new dev.auscult.app.WhatIsSent(s).describe(() -> scanNow(s, problems), AuscultCommand.text(spec).findings());
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
