package dev.auscult.cli;

import dev.auscult.app.AgentServices;
import dev.auscult.app.AgentVersion;
import dev.auscult.app.PolicySource;
import dev.auscult.app.ScanService;
import dev.auscult.policy.Policy;
import dev.auscult.policy.PolicyException;
import dev.auscult.policy.PolicyLoader;
import dev.auscult.posture.PolicyRef;
import dev.auscult.probe.Snapshot;
import dev.auscult.probe.SnapshotCodec;
import dev.auscult.probe.SnapshotException;
import dev.auscult.probe.SourceCatalog;
import dev.auscult.report.ReportJson;
import dev.auscult.storage.AtomicFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/** {@code auscult scan}: one scan, printed as a table or as scan-report JSON. */
@Command(name = "scan", mixinStandardHelpOptions = true,
        description = "Scan this device (or replay a recorded snapshot) and print the verdict per practice.")
final class ScanCommand implements Callable<Integer> {

    @Option(names = "--json", description = "Print the scan-report/1 JSON instead of a table.")
    private boolean json;

    @Option(names = "--policy", paramLabel = "FILE", description = "A Stethoscope policy (YAML or JSON). Default: the agent's own — the "
            + "organisation's from the backend, else the managed or your policy file, else the bundled one; a --replay uses the bundled one.")
    private Path policyFile;

    @Option(names = "--record", paramLabel = "FILE", description = "Also write everything the scan read to FILE (device-snapshot/1).")
    private Path recordFile;

    @Option(names = "--replay", paramLabel = "FILE", description = "Evaluate a device-snapshot/1 file instead of this machine.")
    private Path replayFile;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        CliText text = AuscultCommand.text(spec);
        if (recordFile != null && replayFile != null) {
            err.println("auscult scan: " + text.get("scan.recordAndReplay"));
            return ExitCodes.USAGE;
        }
        Policy policy;
        PolicyRef ref;
        PolicyLoader loader = new PolicyLoader();
        // this machine, with no --policy: the agent's own chain and failure history, so the verdicts are the ones
        // the tray shows and the organisation receives (the backend's policy, grace periods); a --policy file or a
        // recording is judged on its own, the same wherever it runs
        boolean asTheAgent = policyFile == null && replayFile == null;
        AgentServices agent = asTheAgent ? AgentServices.forThisUser() : null;
        try {
            if (policyFile != null) {
                policy = loader.load(policyFile);
                ref = new PolicyRef("file:" + policyFile.toAbsolutePath().normalize(), policy.name(), policy.warnings());
            } else {
                PolicySource.Choice choice = asTheAgent ? agent.policySource(loader).current() : PolicySource.bundled(loader).current();
                policy = choice.policy();
                ref = choice.ref();
            }
            policy.warnings().forEach(w -> err.println("auscult scan: " + text.get("scan.warning", dev.auscult.report.TerminalText.safe(w))));
        } catch (PolicyException e) {
            err.println("auscult scan: " + text.get("scan.invalidPolicy", dev.auscult.report.TerminalText.safe(e.getMessage())));
            return ExitCodes.INVALID_INPUT;
        }
        SourceCatalog catalog = SourceCatalog.bundled();
        String version = AgentVersion.current();
        ScanService service = asTheAgent ? agent.scans() : new ScanService(catalog, version, Clock.systemUTC());
        ScanService.Outcome outcome;
        if (replayFile != null) {
            try {
                outcome = service.replay(new SnapshotCodec(catalog).read(replayFile), policy, ref);
            } catch (SnapshotException e) {
                err.println("auscult scan: " + text.get("scan.invalidSnapshot", dev.auscult.report.TerminalText.safe(e.getMessage())));
                return ExitCodes.INVALID_INPUT;
            }
        } else {
            outcome = service.scanThisMachine(policy, ref);
        }
        if (recordFile != null) {
            Snapshot snapshot = new Snapshot(outcome.platform(),
                    "recorded by auscult scan --record" + outcome.report().device().deviceName().map(n -> " on " + n).orElse(""),
                    "recorded by auscult " + version,
                    outcome.report().scannedAt().map(t -> t.truncatedTo(ChronoUnit.SECONDS)).or(() -> java.util.Optional.of(Instant.now())),
                    outcome.readings());
            try {
                AtomicFiles.write(recordFile, new SnapshotCodec(catalog).write(snapshot));
            } catch (IOException e) {
                err.println("auscult scan: " + text.get("scan.notRecorded", recordFile, e.getMessage()));
                return ExitCodes.INVALID_INPUT;
            }
        }
        out.print(json ? new ReportJson().write(outcome.report()) : new ReportTable(text).render(outcome.report()));
        out.flush();
        return ExitCodes.forStatus(outcome.report().status());
    }
}
