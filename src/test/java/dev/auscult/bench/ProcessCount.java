package dev.auscult.bench;

import dev.auscult.app.ScanService;
import dev.auscult.policy.PolicyLoader;
import dev.auscult.posture.PolicyRef;
import dev.auscult.probe.ReadStatus;
import dev.auscult.probe.Reading;
import dev.auscult.probe.SourceCatalog;
import dev.auscult.probe.SourceSpec;
import java.time.Clock;

/** Prints which evidence commands one live scan ran (each is one child process). */
public final class ProcessCount {

    private ProcessCount() {
    }

    public static void main(String[] args) {
        SourceCatalog catalog = SourceCatalog.bundled();
        var policy = new PolicyLoader().bundled();
        var outcome = new ScanService(catalog, "bench", Clock.systemUTC()).scanThisMachine(policy, new PolicyRef("bundled default", policy.name()));
        int spawned = 0;
        for (Reading r : outcome.readings().values()) {
            SourceSpec spec = catalog.require(r.sourceId());
            boolean command = spec instanceof SourceSpec.Command || spec instanceof SourceSpec.PowerShell;
            // MISSING commands are detected on PATH before spawning anything
            if (command && r.status() != ReadStatus.MISSING) {
                spawned++;
                System.out.println("spawned: " + r.sourceId() + " (" + r.status().key() + ")");
            }
        }
        System.out.println("processes per scan: " + spawned + ", sources read: " + outcome.readings().size());
    }
}
