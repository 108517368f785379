package dev.auscult.app;

import dev.auscult.config.AppPaths;
import dev.auscult.config.AgentConfig;
import dev.auscult.posture.DeviceFacts;
import dev.auscult.posture.OsPlatform;
import dev.auscult.probe.SourceCatalog;
import dev.auscult.storage.AtomicFiles;
import dev.auscult.sync.Activator;
import dev.auscult.sync.CommandCredentialStore;
import dev.auscult.sync.CredentialStore;
import dev.auscult.sync.FallbackCredentialStore;
import dev.auscult.sync.FileCredentialStore;
import dev.auscult.sync.Outbox;
import dev.auscult.sync.PolicySync;
import dev.auscult.sync.ReportUploader;
import dev.auscult.sync.SyncStateStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;

/** The agent's parts for this user, wired once (the CLI and the tray app both start here). */
public final class AgentServices {

    /** Reports kept while offline; beyond this the oldest (superseded) ones are dropped and counted. */
    static final int OUTBOX_LIMIT = 500;

    private final OsPlatform platform;
    private final AppPaths paths;
    private final AgentConfig config;
    private final Clock clock = Clock.systemUTC();
    private final Map<String, String> env = System.getenv();
    private final ScanService scans;
    private final FixLog fixLog;
    private final SyncStateStore syncState;
    private final CredentialStore credentials;
    // made once: Outbox's add/drain are synchronized on the instance, which only holds if every caller shares it
    private final Outbox outbox;
    private final dev.auscult.sync.SentPayloads sentPayloads;
    private final PolicySync policySync;
    private final ReportUploader uploader;

    private AgentServices(OsPlatform platform, AppPaths paths) {
        this.platform = platform;
        this.paths = paths;
        this.config = AgentConfig.load(paths);
        // the agent's own scans keep when each failure began, so the policy's grace periods survive restarts
        this.fixLog = new FixLog(paths.stateDir().resolve("fixes.json"));
        this.scans = new ScanService(SourceCatalog.bundled(), AgentVersion.current(), clock,
                java.util.Optional.of(new FailureHistory(paths.stateDir().resolve("failing-since.json"))), java.util.Optional.of(fixLog));
        this.syncState = new SyncStateStore(paths.configDir(), paths.stateDir());
        this.credentials = credentialStore(platform, paths, env);
        this.outbox = new Outbox(paths.stateDir().resolve("outbox"), OUTBOX_LIMIT, clock);
        this.sentPayloads = new dev.auscult.sync.SentPayloads(paths.stateDir().resolve("sent"), clock);
        this.policySync = new PolicySync(paths.stateDir().resolve("policy-cache.json"), syncState, credentials, env);
        // one uploader for the life of the services: its failure count is what makes the back-off grow
        this.uploader = new ReportUploader(outbox, syncState, credentials, clock, env, java.util.Optional.of(sentPayloads));
    }

    public static AgentServices forThisUser() {
        OsPlatform platform = OsPlatform.fromOsName(System.getProperty("os.name", "")).orElse(OsPlatform.LINUX);
        return new AgentServices(platform, AppPaths.forCurrentUser(platform, System.getenv(), dev.auscult.storage.UserHome.current()));
    }

    /**
     * The OS credential store when there is one (Keychain; the Secret Service on a Linux desktop), else
     * an owner-only file. {@code -Dauscult.credentials=file} forces the file (headless machines, tests).
     */
    static CredentialStore credentialStore(OsPlatform platform, AppPaths paths, Map<String, String> env) {
        FileCredentialStore file = new FileCredentialStore(paths.configDir().resolve("credentials.json"));
        if ("file".equals(System.getProperty("auscult.credentials"))) {
            return file;
        }
        return switch (platform) {
            case DARWIN -> new FallbackCredentialStore(new CommandCredentialStore(CommandCredentialStore.Kind.MAC_KEYCHAIN), file);
            case LINUX -> env.containsKey("DBUS_SESSION_BUS_ADDRESS") && dev.auscult.probe.TrustedPrograms.forThisSystem().resolve("secret-tool").isPresent()
                    ? new FallbackCredentialStore(new CommandCredentialStore(CommandCredentialStore.Kind.SECRET_SERVICE), file) : file;
            case WIN32 -> file;
        };
    }

    public AgentConfig config() {
        return config;
    }

    public AppPaths paths() {
        return paths;
    }

    /** The fixes made on this device, settled by the scans. */
    public FixLog fixLog() {
        return fixLog;
    }

    public ScanService scans() {
        return scans;
    }

    public CredentialStore credentials() {
        return credentials;
    }

    public SyncStateStore syncState() {
        return syncState;
    }

    public Activator activator() {
        return new Activator(syncState, credentials, clock, AgentVersion.current(), env);
    }

    /** The reports waiting for the server: one instance for every caller in this process. */
    public Outbox outbox() {
        return outbox;
    }

    /** The one uploader (see the constructor). */
    public ReportUploader uploader() {
        return uploader;
    }

    /** The last payload each destination accepted (the "what is sent" view reads it). */
    public dev.auscult.sync.SentPayloads sentPayloads() {
        return sentPayloads;
    }

    /**
     * The policy the tray app scans with: the backend's once an activated device has one, otherwise the
     * configured policy file, otherwise the bundled default. One chain, so what the CLI shows as "would be
     * sent" is what the tray app sends.
     */
    public PolicySource policySource(dev.auscult.policy.PolicyLoader loader) {
        PolicySource local = config.policyFile().map(f -> PolicySource.file(loader, f)).orElseGet(() -> PolicySource.bundled(loader));
        return PolicySource.preferBackend(policySync(), local);
    }

    public PolicySync policySync() {
        return policySync;
    }

    /** The JupiterOne Synchronization API uploader, when the managed configuration sets it up. */
    public java.util.Optional<dev.auscult.sync.JupiterOneUploader> jupiterOne() {
        return config.jupiterOne().map(s -> new dev.auscult.sync.JupiterOneUploader(s, paths.stateDir().resolve("j1-outbox"), clock, env,
                java.util.Optional.of(sentPayloads())));
    }

    /** Who this machine is: the device probe alone (activation used to run every practice's probes for this). */
    public DeviceFacts deviceFacts() {
        return scans.describeThisMachine();
    }

    /**
     * The hardware/OS identifier (macOS hardware UUID, Windows SMBIOS UUID, Linux machine-id), or — where
     * none can be read, as in some containers — a random one kept in the state directory so it stays stable.
     */
    public String deviceUuid() throws IOException {
        return deviceUuid(deviceFacts());
    }

    /** As {@link #deviceUuid()}, from facts already read (a scan report's, or the activation's). */
    public String deviceUuid(DeviceFacts facts) throws IOException {
        var fromDevice = facts.deviceId();
        if (fromDevice.isPresent()) {
            return fromDevice.get();
        }
        Path file = paths.stateDir().resolve("device-uuid");
        if (Files.exists(file)) {
            return Files.readString(file).strip();
        }
        String id = UUID.randomUUID().toString();
        AtomicFiles.write(file, id + "\n");
        return id;
    }

    public OsPlatform platform() {
        return platform;
    }
}
