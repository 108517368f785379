package dev.auscult.cli;

import dev.auscult.app.AgentServices;
import dev.auscult.app.AgentVersion;
import dev.auscult.app.EvidenceExport;
import dev.auscult.app.PolicySource;
import dev.auscult.evidence.EvidenceCsv;
import dev.auscult.evidence.EvidenceJson;
import dev.auscult.evidence.EvidencePdf;
import dev.auscult.policy.PolicyException;
import dev.auscult.policy.PolicyLoader;
import dev.auscult.probe.SnapshotCodec;
import dev.auscult.probe.SnapshotException;
import dev.auscult.probe.SourceCatalog;
import dev.auscult.report.TerminalText;
import dev.auscult.storage.AtomicFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code auscult export}: this device's evidence pack for auditors, as JSON, CSV or PDF. */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = {"Write an evidence pack for auditors: this device's identity, every practice's verdict and reason, the raw "
                + "evidence each verdict read, and the CIS Controls v8, ISO/IEC 27001:2022 and SOC 2 controls it supports.",
                "Whole software inventories and other personal data the organisation's backend does not receive are withheld."})
final class ExportCommand implements Callable<Integer> {

    enum Format { json, csv, pdf }

    @Option(names = "--format", paramLabel = "json|csv|pdf", description = "Default: ${DEFAULT-VALUE}.", defaultValue = "json")
    private Format format;

    @Option(names = "--out", paramLabel = "FILE", description = "Write the pack to FILE (required for pdf). Default: standard output.")
    private Path out;

    @Option(names = "--controls", paramLabel = "LIST", defaultValue = "cis,iso27001,soc2",
            description = "The frameworks to map to, comma-separated: cis, iso27001, soc2. Default: ${DEFAULT-VALUE}.")
    private String controls;

    @Option(names = "--policy", paramLabel = "FILE", description = "Judge with this Stethoscope policy. Default: the one the tray app uses.")
    private Path policyFile;

    @Option(names = "--replay", paramLabel = "FILE", description = "Build the pack from a device-snapshot/1 recording instead of this machine.")
    private Path replayFile;

    @Option(names = "--snapshot", paramLabel = "FILE",
            description = "Also write the whole recording the pack was built from (device-snapshot/1; it holds what the pack withholds).")
    private Path snapshotFile;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Set<String> frameworks;
        try {
            frameworks = EvidenceExport.frameworks(controls);
        } catch (IllegalArgumentException e) {
            err.println("auscult export: --controls: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        if (format == Format.pdf && out == null) {
            err.println("auscult export: a PDF needs --out FILE (it is not text for a terminal)");
            return ExitCodes.USAGE;
        }
        PolicySource.Choice policy;
        PolicyLoader loader = new PolicyLoader();
        try {
            if (policyFile != null) {
                policy = PolicySource.file(loader, policyFile).current();
            } else if (replayFile != null) {
                // a recording is judged the same way wherever it is replayed
                policy = PolicySource.bundled(loader).current();
            } else {
                policy = AgentServices.forThisUser().policySource(loader).current();
            }
        } catch (PolicyException e) {
            err.println("auscult export: invalid policy: " + TerminalText.safe(e.getMessage()));
            return ExitCodes.INVALID_INPUT;
        }
        SourceCatalog catalog = SourceCatalog.bundled();
        Optional<String> home = Optional.of(dev.auscult.storage.UserHome.current().toString());
        // this device: the agent's own scans, so grace periods read as in the window and the backend's reports;
        // a recording: judged the same wherever it is replayed
        EvidenceExport exporter = replayFile == null
                ? new EvidenceExport(catalog, AgentServices.forThisUser().scans(), AgentVersion.current(), home)
                : new EvidenceExport(catalog, AgentVersion.current(), Clock.systemUTC(), home);
        EvidenceExport.Export export;
        if (replayFile != null) {
            try {
                export = exporter.replay(new SnapshotCodec(catalog).read(replayFile), policy, frameworks);
            } catch (SnapshotException e) {
                err.println("auscult export: invalid snapshot: " + TerminalText.safe(e.getMessage()));
                return ExitCodes.INVALID_INPUT;
            }
        } else {
            export = exporter.live(policy, frameworks);
        }
        byte[] bytes = switch (format) {
            case json -> new EvidenceJson().write(export.pack()).getBytes(StandardCharsets.UTF_8);
            case csv -> new EvidenceCsv().write(export.pack()).getBytes(StandardCharsets.UTF_8);
            case pdf -> new EvidencePdf().write(export.pack());
        };
        try {
            if (snapshotFile != null) {
                AtomicFiles.write(snapshotFile, export.snapshotJson());
            }
            if (out != null) {
                AtomicFiles.write(out, bytes);
                err.println("auscult export: wrote " + out + " (" + bytes.length + " bytes; evidence SHA-256 " + export.pack().evidenceSha256() + ")");
            } else {
                stdout.print(new String(bytes, StandardCharsets.UTF_8));
                stdout.flush();
            }
        } catch (IOException e) {
            err.println("auscult export: could not write: " + e.getMessage());
            return ExitCodes.INVALID_INPUT;
        }
        return ExitCodes.PASS; // the pack was written; its verdicts are in it, not in the exit code
    }
}
