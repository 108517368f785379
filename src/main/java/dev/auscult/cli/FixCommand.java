package dev.auscult.cli;

import dev.auscult.app.AgentRuntime;
import dev.auscult.app.AgentServices;
import dev.auscult.app.FixService;
import dev.auscult.fix.FixPlan;
import dev.auscult.policy.PolicyLoader;
import dev.auscult.posture.FixRecord;
import dev.auscult.posture.PracticeId;
import dev.auscult.posture.ScanReport;
import dev.auscult.report.ReportJson;
import dev.auscult.report.TerminalText;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code auscult fix [PRACTICE]}: the tray's Fix button on the command line. Without a practice it lists what can be
 * fixed here; with one it shows what it will do, asks, runs it, re-checks and says whether it took.
 */
@Command(name = "fix", mixinStandardHelpOptions = true,
        description = "Fix a failing practice on this device (screen lock, firewall, updates…): shows what it will do and asks first.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:fixed (the re-check passes), the OS's updater was opened, or (without PRACTICE) the list was shown",
                "1:the fix ran but the re-check still does not pass (the reading is shown)", "2:not a practice key",
                "6:no fix is offered for that practice on this device (it passes, the policy or the administrator turned fixes off, or none is safe here)",
                "7:the fix did not run: not confirmed, the password prompt was cancelled, or a program failed"})
final class FixCommand implements Callable<Integer> {

    static final int NO_FIX = 6;
    static final int NOT_RUN = 7;

    @CommandLine.Parameters(index = "0", arity = "0..1", paramLabel = "PRACTICE",
            description = "the practice to fix, as in the report (screenLock, screenIdle, firewall, automaticUpdates, remoteLogin, antivirus, gatekeeper, osVersion)")
    private String practice;

    @CommandLine.Option(names = "--yes", description = "run the fix without asking (for a person who has read what it does; never for scheduled runs)")
    private boolean yes;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        CliText text = AuscultCommand.text(spec);
        Optional<PracticeId> id = Optional.ofNullable(practice).flatMap(PracticeId::fromKey);
        if (practice != null && id.isEmpty()) {
            err.println("auscult fix: " + text.get("fix.notAPractice", TerminalText.oneLine(practice)));
            return ExitCodes.USAGE;
        }
        AgentServices agent = AgentServices.forThisUser();
        var policies = agent.policySource(new PolicyLoader());
        try (AgentRuntime runtime = new AgentRuntime(agent.scans(), policies, java.time.Duration.ofDays(1), Clock.systemUTC())) {
            ScanReport report = runtime.rescan("fix command").get(2, TimeUnit.MINUTES);
            FixService fixes = FixService.forThisMachine(agent, runtime, policies);
            Map<PracticeId, FixPlan> offers = fixes.offers(report);
            if (id.isEmpty()) {
                if (offers.isEmpty()) {
                    out.println(text.get("fix.noneOffered"));
                }
                offers.forEach((p, plan) -> out.println(p.key() + ": " + text.finding(plan.what())));
                return ExitCodes.PASS;
            }
            FixPlan plan = offers.get(id.get());
            if (plan == null) {
                boolean passes = report.practice(id.get()).flatMap(r -> r.verdict()).map(v -> v == dev.auscult.posture.Verdict.PASS).orElse(false);
                err.println("auscult fix: " + text.get(passes ? "fix.alreadyPasses" : "fix.noFix", id.get().key()));
                return NO_FIX;
            }
            out.println(text.get("fix.willDo", text.finding(plan.what())) + " " + text.finding(plan.note()));
            plan.commands().forEach(c -> out.println("  " + c));
            if (!yes && !TerminalConsent.agreed(text.get("fix.ask"), out)) {
                err.println("auscult fix: " + text.get("fix.notConfirmed"));
                return NOT_RUN;
            }
            FixService.Done done;
            try {
                done = fixes.fix(id.get());
            } catch (FixService.Unavailable e) {
                err.println("auscult fix: " + TerminalText.oneLine(e.getMessage()));
                return NOT_RUN;
            }
            send(agent, done.report(), err);
            return told(done.record(), text, out, err);
        }
    }

    private static int told(FixRecord r, CliText text, PrintWriter out, PrintWriter err) {
        String after = r.after().map(FixRecord.Reading::reason).map(TerminalText::oneLine).orElse("");
        return switch (r.outcome()) {
            case FIXED -> {
                out.println(text.get("fix.fixed", after));
                yield ExitCodes.PASS;
            }
            case OPENED -> {
                out.println(text.get("fix.opened"));
                yield ExitCodes.PASS;
            }
            case NOT_FIXED -> {
                err.println("auscult fix: " + text.get("fix.notFixed", after));
                yield ExitCodes.FAIL;
            }
            case DECLINED -> {
                err.println("auscult fix: " + text.get("fix.declined"));
                yield NOT_RUN;
            }
            case FAILED -> {
                err.println("auscult fix: " + text.get("fix.failed", TerminalText.oneLine(r.problem().orElse(""))));
                yield NOT_RUN;
            }
        };
    }

    /** An activated device tells its organisation at once, as the tray app does; offline, the report waits in the outbox. */
    private static void send(AgentServices agent, ScanReport report, PrintWriter err) {
        try {
            if (agent.syncState().activation().isEmpty()) {
                return;
            }
            agent.outbox().add(new ReportJson().write(report));
            var o = agent.uploader().drain();
            o.problem().ifPresent(p -> err.println("auscult fix: " + TerminalText.oneLine(p.getMessage())));
        } catch (IOException e) {
            err.println("auscult fix: " + TerminalText.safe(e.getMessage()));
        }
    }
}
