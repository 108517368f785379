package dev.auscult.cli;

import dev.auscult.app.AgentServices;
import dev.auscult.policy.PolicyException;
import dev.auscult.posture.PolicyRef;
import dev.auscult.report.ReportJson;
import dev.auscult.sync.BackendException;
import dev.auscult.sync.PolicySync;
import dev.auscult.sync.ReportUploader;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine;

/** {@code auscult sync}: fetch the policy, scan with it, and upload everything waiting — now. */
@Command(name = "sync", mixinStandardHelpOptions = true, description = "Fetch the policy, scan, and upload the reports waiting to be sent.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:everything waiting was uploaded", "2:this device is not activated", "5:a local file or the policy is damaged",
                "12:the backend could not be reached or failed (the reports wait and are sent later)",
                "15:the backend no longer accepts this device (revoked): activate it again"})
final class SyncCommand implements Callable<Integer> {

    /** Distinct from "unreachable" (12): retrying will not help, a person has to activate the device again. */
    static final int REVOKED = 15;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        try {
            return sync(spec.commandLine().getOut(), err);
        } catch (IOException e) {
            // a damaged local file: named in plain words, never a stack trace or a raw parser message
            err.println("auscult sync: " + dev.auscult.report.TerminalText.safe(e.getMessage()));
            return ExitCodes.INVALID_INPUT;
        }
    }

    private int sync(PrintWriter out, PrintWriter err) throws IOException {
        CliText text = AuscultCommand.text(spec);
        AgentServices s = AgentServices.forThisUser();
        if (s.syncState().activation().isEmpty()) {
            err.println("auscult sync: " + text.get("sync.notActivated"));
            return ExitCodes.USAGE;
        }
        Optional<PolicySync.BackendPolicy> policy;
        try {
            policy = s.policySync().refresh();
        } catch (BackendException | PolicyException e) {
            err.println("auscult sync: " + text.get("sync.policyNotUpdated", e.getMessage()));
            policy = s.policySync().cached();
        }
        // the same chain as the tray and every other command: the backend's policy (just refreshed or cached), else
        // the managed or the person's policy file, else the bundled default
        dev.auscult.app.PolicySource.Choice choice;
        try {
            choice = s.policySource(new dev.auscult.policy.PolicyLoader()).current();
        } catch (PolicyException e) {
            err.println("auscult sync: " + text.get("sync.policyNotUpdated", e.getMessage()));
            return ExitCodes.INVALID_INPUT;
        }
        var report = s.scans().scanThisMachine(choice.policy(), choice.ref()).report();
        s.outbox().add(new ReportJson().write(report));
        ReportUploader.Outcome o = s.uploader().drain();
        out.println(text.get("sync.uploaded", o.uploaded(), s.outbox().entries().size()));
        if (o.problem().isPresent()) {
            err.println("auscult sync: " + o.problem().get().getMessage());
            return o.problem().get().kind() == BackendException.Kind.UNAUTHORIZED ? REVOKED : ActivateCommand.NETWORK;
        }
        return ExitCodes.PASS;
    }
}
