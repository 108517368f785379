package dev.auscult.cli;

import dev.auscult.app.AgentServices;
import dev.auscult.platform.DeepLink;
import dev.auscult.app.DeviceConfirmation;
import dev.auscult.report.TerminalText;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code auscult prove LINK}: confirm this device to a sign-in page — what the desktop does with an
 * {@code auscult://prove} link when the tray app is not running, and what a person can run by hand.
 */
@Command(name = "prove", mixinStandardHelpOptions = true, description = "Confirm this device to a sign-in page (an auscult://prove link): scan, upload, answer.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the sign-in may go on (allowed, or with a warning)", "1:the sign-in is blocked on this device (the practices are listed)",
                "2:not an auscult://prove link, or this device is not activated", "5:the link is for another server, or confirming was declined",
                "12:the server could not be reached", "15:the server no longer accepts this device (revoked)"})
final class ProveCommand implements Callable<Integer> {

    @CommandLine.Parameters(index = "0", paramLabel = "LINK", description = "the auscult://prove?challenge=…&server=… link")
    private String link;

    @CommandLine.Option(names = "--yes", description = "agree to sign-ins confirmed for this server without asking (remembered)")
    private boolean yes;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        CliText text = AuscultCommand.text(spec);
        Optional<DeepLink> parsed = DeepLink.parse(link);
        if (!(parsed.orElse(null) instanceof DeepLink.Prove prove)) {
            err.println("auscult prove: " + text.get("prove.notALink"));
            return ExitCodes.USAGE;
        }
        try {
            DeviceConfirmation confirmation = new DeviceConfirmation(AgentServices.forThisUser());
            DeviceConfirmation.Outcome o = confirmation.answer(prove);
            if (o instanceof DeviceConfirmation.Outcome.NeedsConsent ask) {
                if (!yes && !TerminalConsent.agreed(text.get("prove.ask", ask.server().getHost()), out)) {
                    err.println("auscult prove: " + text.get("prove.declined"));
                    return ExitCodes.INVALID_INPUT;
                }
                confirmation.consent().give(ask.server());
                o = confirmation.answer(prove);
            }
            return switch (o) {
                case DeviceConfirmation.Outcome.Answered a -> {
                    var c = a.confirmation();
                    String site = TerminalText.oneLine(c.site());
                    switch (c.decision()) {
                        case "ALLOWED" -> out.println(text.get("prove.allowed", site));
                        case "WARNED" -> out.println(text.get("prove.warned", site, String.join(", ", c.practices())));
                        default -> out.println(text.get("prove.denied", site, String.join(", ", c.practices())));
                    }
                    yield c.admitted() ? ExitCodes.PASS : ExitCodes.FAIL;
                }
                case DeviceConfirmation.Outcome.NotActivated n -> {
                    err.println("auscult prove: " + text.get("sync.notActivated"));
                    yield ExitCodes.USAGE;
                }
                case DeviceConfirmation.Outcome.OtherServer other -> {
                    err.println("auscult prove: " + text.get("prove.otherServer", TerminalText.oneLine(other.link().toString()), other.backend()));
                    yield ExitCodes.INVALID_INPUT;
                }
                case DeviceConfirmation.Outcome.NeedsConsent ask -> ExitCodes.INVALID_INPUT;
                case DeviceConfirmation.Outcome.Failed f -> {
                    err.println("auscult prove: " + TerminalText.oneLine(f.reason()));
                    yield f.revoked() ? SyncCommand.REVOKED : ActivateCommand.NETWORK;
                }
            };
        } catch (IOException e) {
            err.println("auscult prove: " + TerminalText.safe(e.getMessage()));
            return ExitCodes.INVALID_INPUT;
        }
    }
}
