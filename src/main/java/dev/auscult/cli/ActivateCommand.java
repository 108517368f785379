package dev.auscult.cli;

import dev.auscult.app.AgentServices;
import dev.auscult.sync.ActivationRecord;
import dev.auscult.sync.Activator;
import dev.auscult.sync.BackendClient;
import dev.auscult.sync.BackendException;
import dev.auscult.sync.ServerDiscovery;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/**
 * {@code auscult activate} — also reachable as {@code j1-endpoint-agent activate}, the form MDM scripts
 * written for JupiterOne's retired agent use.
 */
@Command(name = "activate", mixinStandardHelpOptions = true,
        description = "Activate this device with your organisation's backend (one-time code), so scans are reported.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:activated", "2:usage error", "5:invalid backend URL", "10:the code is wrong or already used",
                "11:unknown account", "12:the backend could not be reached", "13:already activated (use --force)",
                "14:the backend refused for another reason"})
final class ActivateCommand implements Callable<Integer> {

    static final int BAD_CODE = 10;
    static final int UNKNOWN_ACCOUNT = 11;
    static final int NETWORK = 12;
    static final int ALREADY_ACTIVATED = 13;
    static final int REFUSED = 14;

    @Option(names = "--email", required = true, description = "The device owner's email address.")
    private String email;

    @Option(names = "--account", required = true, description = "The JupiterOne account ID.")
    private String account;

    @Option(names = "--code", required = true, description = "The one-time activation code.")
    private String code;

    @Option(names = "--backend", paramLabel = "URL", description = "Your organisation's Auscult server, as the activation e-mail gives it "
            + "(its address, its console's, or its GraphQL URL). Default: backendUrl of the managed configuration.")
    private URI backend;

    @Option(names = "--force", description = "Activate again even if this device is already activated.")
    private boolean force;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        CliText text = AuscultCommand.text(spec);
        AgentServices services = AgentServices.forThisUser();
        Optional<URI> url = Optional.ofNullable(backend).or(() -> services.config().backendUrl());
        if (url.isEmpty()) {
            err.println(spec.qualifiedName() + ": " + text.get("activate.noBackend"));
            return ExitCodes.USAGE;
        }
        try {
            BackendClient.requireSafe(url.get());
        } catch (IllegalArgumentException e) {
            err.println(spec.qualifiedName() + ": " + e.getMessage());
            return ExitCodes.INVALID_INPUT;
        }
        try {
            // the server's address as the activation e-mail gives it (or its console's): the agent finds the API itself
            ServerDiscovery.Found server = ServerDiscovery.resolve(url.get(), account, java.time.Duration.ofSeconds(30), System.getenv());
            server.organisation().ifPresent(o -> out.println(text.get("activate.organisation", dev.auscult.report.TerminalText.oneLine(o),
                    server.graphql().getHost())));
            var facts = services.deviceFacts();
            ActivationRecord record = services.activator().activate(server.graphql(), email, account, code, facts, services.deviceUuid(facts), force);
            out.println(text.get("activate.done", record.deviceId(), record.accountId(), record.email()));
            out.println(text.get("activate.tokenIn", services.credentials().description()));
            return ExitCodes.PASS;
        } catch (Activator.AlreadyActivated e) {
            err.println(spec.qualifiedName() + ": " + e.getMessage());
            return ALREADY_ACTIVATED;
        } catch (BackendException e) {
            err.println(spec.qualifiedName() + ": " + switch (e.kind()) {
                case INVALID_CODE -> text.get("activate.invalidCode");
                case CODE_EXPIRED -> text.get("activate.codeExpired");
                case CODE_REPLACED -> text.get("activate.codeReplaced");
                case CODE_ALREADY_USED -> text.get("activate.codeUsed");
                case UNKNOWN_ACCOUNT -> text.get("activate.unknownAccount", account);
                case NETWORK, THROTTLED, SERVER -> text.get("activate.network", e.getMessage());
                default -> e.getMessage();
            });
            return switch (e.kind()) {
                case INVALID_CODE, CODE_EXPIRED, CODE_REPLACED, CODE_ALREADY_USED -> BAD_CODE;
                case UNKNOWN_ACCOUNT -> UNKNOWN_ACCOUNT;
                case NETWORK, THROTTLED, SERVER -> NETWORK;
                default -> REFUSED;
            };
        } catch (IOException e) {
            err.println(spec.qualifiedName() + ": " + text.get("activate.notSaved", e.getMessage()));
            return ExitCodes.INTERNAL_ERROR;
        }
    }
}
