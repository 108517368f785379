package dev.auscult.server;

import dev.auscult.server.store.Account;

import dev.auscult.policy.Policy;
import dev.auscult.posture.DeviceFacts;
import dev.auscult.posture.OsPlatform;
import dev.auscult.sync.ActivationRecord;
import dev.auscult.sync.Activator;
import dev.auscult.sync.FileCredentialStore;
import dev.auscult.sync.Outbox;
import dev.auscult.sync.ReportUploader;
import dev.auscult.sync.SignInConfirmer;
import dev.auscult.sync.SyncStateStore;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A real agent's home (activation, token, device key, outbox) activated against a running server, reporting the
 * recorded Debian 11 device — with automatic updates on or off — and answering sign-in challenges as the agent does.
 */
public record TrustedDevice(SyncStateStore state, FileCredentialStore credentials, Outbox outbox, ActivationRecord record) {

    public static TrustedDevice activate(RunningServer server, Path dir, String name, String account, String email) throws Exception {
        Path home = dir.resolve(name);
        SyncStateStore state = new SyncStateStore(home.resolve("config"), home.resolve("state"));
        FileCredentialStore credentials = new FileCredentialStore(home.resolve("config/credentials.json"));
        ActivationRecord r = new Activator(state, credentials, Clock.systemUTC(), "0.1.0", Map.of()).activate(server.graphql(), email, account,
                server.services.codes().issue(new Account(account), email).code(), new DeviceFacts(OsPlatform.LINUX, Optional.of("Debian GNU/Linux"),
                        Optional.of("11"), Optional.empty(), Optional.of("debian"), List.of(), Optional.empty(), Optional.of(name), Optional.empty(),
                        Optional.empty(), dev.auscult.posture.Finding.plain("os-release"), List.of()), "uuid-" + name, true);
        return new TrustedDevice(state, credentials, new Outbox(home.resolve("state/outbox"), 50, Clock.systemUTC()), r);
    }

    /** The agent's uploader for this home: what it has in its outbox goes to the server, signed with its key. */
    public ReportUploader uploader() {
        return new ReportUploader(outbox, state, credentials, Clock.systemUTC(), Map.of());
    }

    /** Scans (the recorded device, with updates on or off) and uploads, as the agent does before answering. */
    public void report(Policy policy, boolean automaticUpdates) throws Exception {
        outbox.add(AgentReports.debian11(policy, automaticUpdates));
        ReportUploader.Outcome o = uploader().drain();
        if (o.problem().isPresent()) {
            throw o.problem().get();
        }
    }

    public SignInConfirmer.Confirmation confirm(String challenge) throws Exception {
        return new SignInConfirmer(state, credentials, Map.of()).confirm(record, challenge);
    }
}
