package dev.auscult.app;

import dev.auscult.platform.Background;
import dev.auscult.localapi.LocalApiServer;
import dev.auscult.localapi.LocalApiSettings;
import dev.auscult.localapi.RemoteScan;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.BindException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Keeps the local API up when the configuration enables it: if the port is taken the agent carries on,
 * says so, and tries again every minute.
 */
public final class LocalApiRunner implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(LocalApiRunner.class.getName());
    static final Duration RETRY = Duration.ofMinutes(1);

    private final LocalApiSettings settings;
    private final ScanService scans;
    private final String version;
    private final Consumer<RemoteScan> onRemoteScan;
    private final Consumer<Optional<LocalApiProblem>> onProblem;
    private final ScheduledExecutorService retry = Executors.newSingleThreadScheduledExecutor(Background.daemonThreads("auscult-localapi"));
    private volatile LocalApiServer server;
    private final dev.auscult.localapi.AnswerSigner signer;

    public LocalApiRunner(LocalApiSettings settings, ScanService scans, String version, Consumer<RemoteScan> onRemoteScan,
                          Consumer<Optional<LocalApiProblem>> onProblem) {
        this(settings, scans, version, onRemoteScan, onProblem, dev.auscult.localapi.AnswerSigner.none());
    }

    /** With {@code signer}: every answer carries the device key's signature ({@link LocalApiServer#SIGNATURE_HEADER}). */
    public LocalApiRunner(LocalApiSettings settings, ScanService scans, String version, Consumer<RemoteScan> onRemoteScan,
                          Consumer<Optional<LocalApiProblem>> onProblem, dev.auscult.localapi.AnswerSigner signer) {
        this.signer = signer;
        this.settings = settings;
        this.scans = scans;
        this.version = version;
        this.onRemoteScan = onRemoteScan;
        this.onProblem = onProblem;
    }

    /** Does nothing when no origin is allowed: the API is off by default. */
    public void start() {
        if (settings.origins().isEmpty()) {
            return;
        }
        retry.execute(this::tryStart);
    }

    private void tryStart() {
        try {
            server = new LocalApiServer(settings, scans::probeThisMachine, version, Clock.systemUTC(), onRemoteScan, signer);
            onProblem.accept(Optional.empty());
        } catch (BindException e) {
            LOG.log(Level.WARNING, "local API port {0} in use; retrying in {1} s", settings.port(), RETRY.toSeconds());
            onProblem.accept(Optional.of(new LocalApiProblem.PortInUse(settings.port())));
            retry.schedule(this::tryStart, RETRY.toSeconds(), TimeUnit.SECONDS);
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, "local API could not start: {0}", e.toString());
            onProblem.accept(Optional.of(new LocalApiProblem.CouldNotStart(String.valueOf(e.getMessage()))));
            retry.schedule(this::tryStart, RETRY.toSeconds(), TimeUnit.SECONDS);
        }
    }

    public Optional<Integer> port() {
        return Optional.ofNullable(server).map(LocalApiServer::port);
    }

    @Override
    public void close() {
        retry.shutdownNow();
        if (server != null) {
            server.close();
        }
    }
}
